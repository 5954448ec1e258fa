/// Why a dataset could not be generated.
public enum GenerateError: Error, CustomStringConvertible, Equatable {
    case unknownProvince(String)
    case invalidOption(String)
    case serialsExhausted(prefix: String, year: Int)
    case outputDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .unknownProvince(let code):
            "no province with code '\(code)' in the 2025 list (use a 2-digit code such as 01, 19 or 79)"
        case .invalidOption(let message):
            message
        case .serialsExhausted(let prefix, let year):
            "too many people born in \(year) with citizen-ID prefix \(prefix) in one part: the IDs would repeat"
        case .outputDirectory(let path, let reason):
            "cannot use the output directory \(path): \(reason)"
        }
    }
}
