import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// The type of one field of a resource, as the API documents and checks it.
public indirect enum FieldType: Sendable {
    case string, date, integer, number, boolean, uuid
    case enumeration([String])
    case array(FieldType)
    case object([FieldSpec])

    func schema() -> [String: Any] {
        switch self {
        case .string: ["type": "string"]
        case .date: ["type": "string", "format": "date"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        case .uuid: ["type": "string", "format": "uuid"]
        case .enumeration(let values): ["type": "string", "enum": values]
        case .array(let item): ["type": "array", "items": item.schema()]
        case .object(let fields): FieldSpec.objectSchema(fields)
        }
    }
}

/// One field of a resource's JSON document.
public struct FieldSpec: Sendable {
    public let name: String
    public let type: FieldType
    public let required: Bool
    public let readOnly: Bool
    public let description: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, readOnly: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.readOnly = readOnly
        self.description = description
    }

    static func objectSchema(_ fields: [FieldSpec]) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            var schema = field.type.schema()
            schema["description"] = field.description
            if field.readOnly { schema["readOnly"] = true }
            properties[field.name] = schema
        }
        var object: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { object["required"] = required }
        return object
    }
}

/// One documented route. Every API route is added through `APICatalog.add`, which registers it on the
/// router and in the OpenAPI document at once, so the document cannot miss a route.
public struct APIRoute: Sendable {
    public struct Parameter: Sendable {
        public let name: String
        public let location: String
        public let description: String
        public init(_ name: String, in location: String = "query", _ description: String) {
            self.name = name
            self.location = location
            self.description = description
        }
    }

    public let method: HTTPRequest.Method
    public let path: String
    public let summary: String
    public let tag: String
    public let isPublic: Bool
    public let parameters: [Parameter]
    public let requestSchema: String?
    public let responseSchema: String?
    public let responseIsPage: Bool
    /// The media type of the request body.
    public let consumes: String
    /// The media type of a successful answer.
    public let produces: String

    public init(_ method: HTTPRequest.Method, _ path: String, summary: String, tag: String, isPublic: Bool = false,
                parameters: [Parameter] = [], request: String? = nil, response: String? = nil, page: Bool = false,
                consumes: String = "application/json", produces: String = "application/json") {
        self.method = method
        self.path = path
        self.summary = summary
        self.tag = tag
        self.isPublic = isPublic
        self.parameters = parameters
        self.requestSchema = request
        self.responseSchema = response
        self.responseIsPage = page
        self.consumes = consumes
        self.produces = produces
    }
}

/// Used while the application is assembled, on one task; it is not shared with request handlers.
public final class APICatalog {
    public private(set) var routes: [APIRoute] = []
    private var schemas: [String: [FieldSpec]] = [:]
    public let router: Router<NEMISContext>

    public init(router: Router<NEMISContext>) {
        self.router = router
    }

    public func schema(_ name: String, _ fields: [FieldSpec]) {
        schemas[name] = fields
    }

    public func add(_ route: APIRoute, _ handler: @escaping @Sendable (Request, NEMISContext) async throws -> Response) {
        routes.append(route)
        router.on(RouterPath(route.path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")),
                  method: route.method, use: handler)
    }

    /// The OpenAPI 3.1 document of every route added so far.
    public func openAPIDocument(version: String) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            var operation: [String: Any] = [
                "summary": route.summary,
                "tags": [route.tag],
                "operationId": Self.operationID(route),
            ]
            var parameters: [[String: Any]] = []
            for segment in route.path.split(separator: "/") where segment.hasPrefix("{") {
                let name = String(segment.dropFirst().dropLast())
                parameters.append(["name": name, "in": "path", "required": true, "schema": ["type": "string"]])
            }
            for parameter in route.parameters {
                parameters.append(["name": parameter.name, "in": parameter.location, "required": false,
                                   "description": parameter.description, "schema": ["type": "string"]])
            }
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let request = route.requestSchema {
                operation["requestBody"] = ["required": true, "content": [route.consumes: ["schema": ["$ref": "#/components/schemas/\(request)"]]]]
            }
            var okSchema: [String: Any] = ["type": "object"]
            if let response = route.responseSchema {
                let ref: [String: Any] = ["$ref": "#/components/schemas/\(response)"]
                if route.responseIsPage {
                    let items: [String: Any] = ["type": "array", "items": ref]
                    let properties: [String: Any] = ["items": items, "nextPageToken": ["type": "string"]]
                    okSchema = ["type": "object", "properties": properties]
                } else {
                    okSchema = ref
                }
            }
            let problemContent: [String: Any] = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
            let okContent: [String: Any] = route.produces == "application/json"
                ? ["application/json": ["schema": okSchema]]
                : [route.produces: ["schema": ["type": "string"]]]
            var responses: [String: Any] = ["default": ["description": "An error (RFC 9457)", "content": problemContent] as [String: Any]]
            if route.method == .delete {
                responses["204"] = ["description": "Done"]
            } else {
                responses["200"] = ["description": "Success", "content": okContent] as [String: Any]
            }
            let isCollectionPost = route.method == .post && route.requestSchema != nil
                && route.path.split(separator: "/").last.map({ !$0.hasPrefix("{") }) == true
            if isCollectionPost {
                responses["201"] = ["description": "Created", "content": okContent] as [String: Any]
            }
            operation["responses"] = responses
            if !route.isPublic { operation["security"] = [["bearer": []], ["session": []]] }
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = operation
        }
        var componentSchemas: [String: Any] = [:]
        for (name, fields) in schemas { componentSchemas[name] = FieldSpec.objectSchema(fields) }
        componentSchemas["Problem"] = [
            "type": "object",
            "properties": [
                "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                "detail": ["type": "string"],
                "errors": ["type": "array", "items": ["type": "object", "properties": [
                    "field": ["type": "string"], "code": ["type": "string"], "message": ["type": "string"]]]],
            ],
        ]
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "NEMIS API", "version": version,
                     "description": "National education data platform: registry of schools, staff, learners, classes and enrolments."],
            "paths": paths,
            "components": [
                "schemas": componentSchemas,
                "securitySchemes": [
                    "bearer": ["type": "oauth2", "flows": ["clientCredentials": ["tokenUrl": "/oauth/token", "scopes": Dictionary(
                        uniqueKeysWithValues: Permission.allCases.map { ($0.rawValue, "permission \($0.rawValue)") })]]],
                    "session": ["type": "apiKey", "in": "cookie", "name": AuthMiddleware.cookieName],
                ],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    static func operationID(_ route: APIRoute) -> String {
        let words = route.path.split(separator: "/").map { part -> String in
            let clean = part.replacingOccurrences(of: "{", with: "by-").replacingOccurrences(of: "}", with: "")
            return clean.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return route.method.rawValue.lowercased() + words.joined()
    }
}
