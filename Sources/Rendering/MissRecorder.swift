/// Notes every name the template asked for that the root context does not have.
/// Used by one render on one thread, never shared.
final class MissRecorder {
    private(set) var names: [String] = []

    func record(_ name: String) {
        if !names.contains(name) { names.append(name) }
    }
}
