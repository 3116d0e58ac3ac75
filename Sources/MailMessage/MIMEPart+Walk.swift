// Navigating the MIME tree by child-index paths.

extension MIMEPart {
    /// The part at a child-index path ([] is this part).
    func part(at path: [Int]) -> MIMEPart? {
        var p = self
        for i in path {
            guard i < p.children.count else { return nil }
            p = p.children[i]
        }
        return p
    }

    /// Depth-first walk (children of leaves included, embedded messages not entered).
    /// `visit` returns false to skip a part's children.
    func walk(_ visit: (MIMEPart, [Int]) -> Bool) {
        var stack: [(MIMEPart, [Int])] = [(self, [])]
        while let (p, path) = stack.popLast() {
            guard visit(p, path) else { continue }
            for (i, c) in p.children.enumerated().reversed() { stack.append((c, path + [i])) }
        }
    }
}
