/// The relationships of one package part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`):
/// how the workbook finds its sheets, shared strings and styles by ID or by type.
struct PackageRelationships {
    struct Relationship {
        let id: String
        let type: String
        /// The target as a part name in the archive (no leading slash).
        let target: String
    }

    let relationships: [Relationship]

    /// Reads a `.rels` part; `sourcePart` is the part the relationships belong to, whose
    /// folder relative targets start from.
    static func parse(_ tokenizer: inout XMLTokenizer, sourcePart: String) throws(XLSXError) -> Self {
        var relationships: [Relationship] = []
        while true {
            switch try tokenizer.next() {
            case .endOfDocument:
                return PackageRelationships(relationships: relationships)
            case .startElement where tokenizer.isNamed("Relationship"):
                // External targets (hyperlinks and the like) are not parts of the package.
                if try tokenizer.attribute("TargetMode") == "External" { continue }
                guard let id = try tokenizer.attribute("Id"), let type = try tokenizer.attribute("Type"),
                      let target = try tokenizer.attribute("Target") else {
                    throw .invalidPart(part: tokenizer.part, reason: "a relationship without Id, Type or Target")
                }
                relationships.append(Relationship(id: id, type: type, target: resolve(target, from: sourcePart)))
            default:
                continue
            }
        }
    }

    func target(id: String) -> Relationship? {
        relationships.first { $0.id == id }
    }

    /// The first relationship whose type ends in `/suffix`, so the Transitional and the
    /// Strict namespaces of OOXML both match.
    func target(typeSuffix suffix: String) -> Relationship? {
        relationships.first { $0.type.hasSuffix("/" + suffix) }
    }

    /// The `.rels` part that holds the relationships of `part` (`xl/workbook.xml` →
    /// `xl/_rels/workbook.xml.rels`).
    static func relationshipsPart(of part: String) -> String {
        let (folder, name) = split(part)
        return folder + "_rels/" + name + ".rels"
    }

    /// A target resolved against the folder of `sourcePart`: absolute targets start at the
    /// package root; `..` and `.` segments are applied.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : split(sourcePart).folder + target
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    /// The folder of a part name, with its trailing slash, and the file name.
    private static func split(_ part: String) -> (folder: String, name: String) {
        guard let slash = part.lastIndex(of: "/") else { return ("", part) }
        return (String(part[...slash]), String(part[part.index(after: slash)...]))
    }
}
