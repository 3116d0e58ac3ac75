// The HTML alternative of a message rendered to text, only where `textBody` did not already
// render it: the form reader reads it as a second source, and rendering is costly.

extension Message {
    /// The HTML alternative converted to readable text, or nil when the message has no HTML
    /// part or `textBody` already is (or contains) that HTML rendered — an HTML-only message,
    /// an empty text/plain alternative. Renders the HTML at most once.
    public var htmlAlternativeText: String? {
        guard let path = BodySelection.htmlPath(root), !BodySelection.bodyPaths(root).contains(path),
              let html = root.part(at: path) else { return nil }
        return HTMLText.text(fromHTML: html.text ?? "")
    }
}
