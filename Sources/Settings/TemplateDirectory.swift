import Foundation

/// Reads the templates folder into the name → text map `Rendering.TemplateSet` takes, so
/// the renderer itself stays pure. Only `*.mustache` files at the top level are read
/// (`forms/` belongs to the forms code); the key is the file name without `.mustache`.
public enum TemplateDirectory {
    public static func sources(in directory: URL) throws(ConfigError) -> [String: String] {
        let problem = { (message: String) in
            ConfigError(file: nil, problems: [ConfigProblem(key: "[templates] dir", message: message)])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw problem("\(directory.path) cannot be listed — point dir at the mail-templates folder (`internships init` copies one)")
        }
        var sources: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8)
            else { throw problem("\(url.path) is not readable UTF-8 text — save it as UTF-8") }
            sources[String(name.dropLast(".mustache".count))] = text
        }
        guard !sources.isEmpty else {
            throw problem("\(directory.path) has no *.mustache files — point dir at the mail-templates folder")
        }
        return sources
    }
}
