/// A kind of file a required document may be uploaded as.
///
/// A closed set, because the requests service must recognise each kind by its magic bytes,
/// never by the file name.
public enum DocumentFileType: String, Codable, Sendable, CaseIterable {
    /// A PDF document.
    case pdf
    /// A JPEG image, such as a scanned card.
    case jpeg
    /// A PNG image.
    case png
    /// A TIFF image, as scanners produce.
    case tiff
    /// An AutoCAD drawing, such as a parcel's map.
    case dwg
    /// A Google Earth boundary, such as a parcel's outline.
    case kml

    /// The media type, for an upload field's `accept` attribute and for downloads.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .tiff: "image/tiff"
        case .dwg: "image/vnd.dwg"
        case .kml: "application/vnd.google-earth.kml+xml"
        }
    }

    /// The usual file name extensions, lowercased, without a dot.
    public var fileExtensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .tiff: ["tif", "tiff"]
        case .dwg: ["dwg"]
        case .kml: ["kml"]
        }
    }
}
