/// Collects problems while the loader walks the file; one list for the whole load.
final class ProblemList {
    private(set) var items: [ConfigProblem] = []

    func add(_ key: String, _ message: String) {
        items.append(ConfigProblem(key: key, message: message))
    }
}
