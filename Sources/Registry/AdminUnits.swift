import Foundation
import Hummingbird
import Platform
import SQLKit

/// Administrative units (DOMAIN.md 1.2): the 63 provinces in force until 30 June 2025, the 34 from
/// 1 July 2025 with the old provinces each absorbed, and the 3,321 communes of the new map. Units are
/// effective-dated, so a report on 2024 still groups by the old provinces.
public struct AdminUnit: Codable, Sendable, Equatable {
    public let code: String
    public let level: String
    public let name: String
    public let kind: String
    public let parentCode: String?
    public let validFrom: String
    public let validTo: String?
    /// For a pre-2025 province: the 2025 province that absorbed it.
    public let successorCode: String?

    static let fields: [FieldSpec] = [
        FieldSpec("code", .string, readOnly: true, "3-digit (pre-2025 province), 2-digit (2025 province) or 5-digit (commune) code"),
        FieldSpec("level", .enumeration(["province", "commune"]), readOnly: true, "Level"),
        FieldSpec("name", .string, readOnly: true, "Name without the Tỉnh/Xã/Phường prefix"),
        FieldSpec("kind", .string, readOnly: true, "city, province, xa, phuong or dac_khu"),
        FieldSpec("parentCode", .string, readOnly: true, "The province of a commune"),
        FieldSpec("validFrom", .date, readOnly: true, "First day in force"),
        FieldSpec("validTo", .date, readOnly: true, "Last day in force"),
        FieldSpec("successorCode", .string, readOnly: true, "The 2025 province that absorbed a pre-2025 one"),
    ]
}

public enum AdminUnits {
    static let reformDate = "2025-07-01"
    static let lastDayBefore = "2025-06-30"
    static let oldMapSince = "2008-08-01"

    /// A commune of the 2025 map. No write changes the map, so an import reads each commune its rows
    /// name once (`ReferenceReadCache`), not once a row.
    static func commune(_ db: any SQLDatabase, code: String) async throws -> AdminUnit? {
        try await ReferenceReadCache.remember("admin_units", key: "commune\u{1}" + code) {
            try await db.raw("SELECT * FROM admin_units WHERE code = \(bind: code) AND level = 'commune'").first().map(decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> AdminUnit {
        AdminUnit(code: try row.decode(column: "code", as: String.self), level: try row.decode(column: "level", as: String.self),
                  name: try row.decode(column: "name", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                  parentCode: try row.decode(column: "parent_code", as: String?.self),
                  validFrom: try row.decode(column: "valid_from", as: String.self),
                  validTo: try row.decode(column: "valid_to", as: String?.self),
                  successorCode: try row.decode(column: "successor_code", as: String?.self))
    }

    /// The reference data, read from the CSV files shipped with the module (see Resources/SOURCES.md).
    static func seedRows() throws -> [AdminUnit] {
        var units: [AdminUnit] = []
        var successor: [String: String] = [:]
        for row in try csv("provinces-2025") {
            units.append(AdminUnit(code: row[0], level: "province", name: row[1], kind: row[2], parentCode: nil,
                                   validFrom: reformDate, validTo: nil, successorCode: nil))
            for old in row[3].split(separator: "|") { successor[String(old)] = row[0] }
        }
        for row in try csv("provinces-2008") {
            units.append(AdminUnit(code: row[0], level: "province", name: row[1], kind: row[2], parentCode: nil,
                                   validFrom: oldMapSince, validTo: lastDayBefore, successorCode: successor[row[0]]))
        }
        for row in try csv("communes-2025") {
            units.append(AdminUnit(code: row[0], level: "commune", name: row[1], kind: row[2], parentCode: row[3],
                                   validFrom: reformDate, validTo: nil, successorCode: nil))
        }
        return units
    }

    /// A small CSV reader for the shipped files (no quoted commas in them).
    static func csv(_ name: String) throws -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: "csv") else {
            throw ConfigurationError("reference file \(name).csv is missing from the Registry resources")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
        }
    }

    /// Inserts the reference rows in batches (a migration step).
    static func seed(_ db: any SQLDatabase) async throws {
        let rows = try seedRows()
        for chunk in rows.batches(of: 200) {
            var sql = SQLQueryString("INSERT INTO admin_units (code, level, name, kind, parent_code, valid_from, valid_to, successor_code) VALUES ")
            for (index, unit) in chunk.enumerated() {
                if index > 0 { sql.appendInterpolation(unsafeRaw: ", ") }
                sql.appendInterpolation(unsafeRaw: "(")
                sql.appendInterpolation(binds: [unit.code, unit.level, unit.name, unit.kind] as [String])
                sql.appendInterpolation(unsafeRaw: ", ")
                sql.appendInterpolation(binds: [unit.parentCode, unit.validFrom, unit.validTo, unit.successorCode] as [String?])
                sql.appendInterpolation(unsafeRaw: ")")
            }
            try await db.raw(sql).run()
        }
    }
}

/// `/api/v1/admin-units`: public reference data.
struct AdminUnitsController {
    let database: any Database

    func register(in catalog: APICatalog) {
        catalog.schema("AdminUnit", AdminUnit.fields)
        catalog.add(APIRoute(.get, "/api/v1/admin-units", summary: "Administrative units in force on a date", tag: "Reference data",
                             isPublic: true,
                             parameters: [.init("level", "province or commune"), .init("parentCode", "communes of one province"),
                                          .init("date", "YYYY-MM-DD, default today"), .init("pageSize", "1–500"),
                                          .init("pageToken", "next page")],
                             response: "AdminUnit", page: true), list)
        catalog.add(APIRoute(.get, "/api/v1/admin-units/{code}", summary: "One administrative unit", tag: "Reference data",
                             isPublic: true, response: "AdminUnit"), get)
    }

    @Sendable func list(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let query = request.uri.queryParameters
        let dateText = query["date"].map(String.init) ?? Clock.today().description
        guard let date = CivilDate(iso: dateText) else { throw APIError.malformed(field: "date", "use YYYY-MM-DD") }
        let limit = try PageToken.pageSize(request)
        let after = try query["pageToken"].map { try PageToken.decode(String($0)) }
        let level = query["level"].map(String.init)
        let parent = query["parentCode"].map(String.init)
        let day = date.description
        let units = try await database.read { db in
            var sql = SQLQueryString("""
                SELECT * FROM admin_units WHERE valid_from <= \(bind: day) AND (valid_to IS NULL OR valid_to >= \(bind: day))
                """)
            if let level { sql.appendInterpolation(unsafeRaw: " AND level = "); sql.appendInterpolation(bind: level) }
            if let parent { sql.appendInterpolation(unsafeRaw: " AND parent_code = "); sql.appendInterpolation(bind: parent) }
            if let after { sql.appendInterpolation(unsafeRaw: " AND code > "); sql.appendInterpolation(bind: after) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY code LIMIT \(limit + 1)")
            return try await db.raw(sql).all().map(AdminUnits.decode)
        }
        let page = Array(units.prefix(limit))
        let next = units.count > limit ? page.last.map { PageToken.encode($0.code) } : nil
        return JSONResponse.page(items: try page.map { try JSON.string($0) }, nextPageToken: next)
    }

    @Sendable func get(_ request: Request, _ context: NEMISContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let unit = try await database.read({ db in
            try await db.raw("SELECT * FROM admin_units WHERE code = \(bind: code)").first().map(AdminUnits.decode)
        }) else { throw APIError.notFound }
        return try JSONResponse.encode(unit)
    }
}
