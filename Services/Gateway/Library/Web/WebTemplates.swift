import Foundation
import MizSchema
import Mustache

/// The pages' mustache templates, read once at start; every value is HTML-escaped when
/// rendered, so text from the catalog or from a query never becomes markup.
package struct WebTemplates: Sendable {
    private let library: MustacheLibrary

    /// Reads every `*.mustache` file of `folder`, named by its file name without extension.
    package init(folder: URL) throws {
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        for name in names.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// Renders `object` with the template `name`.
    ///
    /// - Throws: `BusError(.internal)` when there is no such template.
    package func render(_ object: Any, template name: String) throws -> String {
        guard let html = library.render(object, withTemplate: name) else {
            throw BusError(.internal, message: nil, fields: [FieldError(field: "template", message: name)])
        }
        return html
    }
}
