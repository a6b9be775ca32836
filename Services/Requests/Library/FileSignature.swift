import Foundation
import MizSchema

/// Recognises a file's type from its first bytes (magic numbers), never from its name.
package enum FileSignature {
    /// The type of `data`, or nil when it is none of the kinds a document may be.
    package static func detect(_ data: Data) -> DocumentFileType? {
        let head = [UInt8](data.prefix(1024))
        func starts(_ bytes: [UInt8]) -> Bool { head.count >= bytes.count && Array(head[0..<bytes.count]) == bytes }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        // AutoCAD drawings open with their format version, "AC1012" … "AC1032".
        if starts(Array("AC10".utf8)), head.count >= 6, head[4...5].allSatisfy({ (0x30...0x39).contains($0) }) {
            return .dwg
        }
        if let text = String(bytes: head, encoding: .utf8) ?? String(bytes: head.dropLast(3), encoding: .utf8) {
            let trimmed = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(["\u{FEFF}"]))
            if trimmed.hasPrefix("<"), trimmed.contains("<kml") { return .kml }
        }
        return nil
    }

    /// The type a file name's extension claims, or nil when the extension names none.
    package static func claimedType(ofFileName name: String) -> DocumentFileType? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return DocumentFileType.allCases.first { $0.fileExtensions.contains(ext) }
    }

    /// The Persian name of a type, for messages.
    package static func persianName(_ type: DocumentFileType) -> String {
        switch type {
        case .pdf: "PDF"
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .tiff: "TIFF"
        case .dwg: "DWG (اتوکد)"
        case .kml: "KML"
        }
    }
}
