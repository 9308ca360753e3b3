import Foundation

/// What a page's JSON-LD says about an organisation (schema.org Organization and its subtypes).
struct JSONLDOrganisation: Sendable, Equatable {
    var types: [String]
    var name: String?
    var url: String?
    /// Logo URLs as written (string, ImageObject `url`/`contentUrl`, or a resolved `@id`).
    var logos: [String]
    var emails: [String]
    /// Phone numbers with the `contactType` of their contact point (nil on the organisation itself).
    var telephones: [Telephone]

    struct Telephone: Sendable, Equatable {
        var number: String
        var contactType: String?
    }
}

/// Reads `<script type="application/ld+json">` blocks. Walks `@graph`, arrays and nesting
/// (`WebSite.publisher`, `WebPage.isPartOf` …) and follows `@id` references.
enum JSONLDExtractor {
    static func organisations(in tree: HTMLTree) -> [JSONLDOrganisation] {
        var roots: [Any] = []
        for script in tree.elements(named: "script") {
            guard let type = tree[script].attribute("type")?.lowercased(), type.contains("ld+json") else { continue }
            if let value = parse(tree.rawText(of: script)) { roots.append(value) }
        }
        return organisations(inJSON: roots)
    }

    static func organisations(inJSON roots: [Any]) -> [JSONLDOrganisation] {
        var objects: [[String: Any]] = []
        for root in roots { collectObjects(root, into: &objects) }
        var byID: [String: [String: Any]] = [:]
        for object in objects {
            if let id = object["@id"] as? String, object.count > 1 { byID[id] = object }
        }
        var result: [JSONLDOrganisation] = []
        var seen: Set<String> = []
        for object in objects where isOrganisation(object) {
            if let id = object["@id"] as? String, !seen.insert(id).inserted { continue }
            let organisation = JSONLDOrganisation(
                types: types(of: object),
                name: strings(object["name"]).first ?? strings(object["legalName"]).first,
                url: strings(object["url"]).first,
                logos: logoURLs(object["logo"], byID: byID),
                emails: strings(object["email"]) + contactPoints(object, byID: byID).flatMap { strings($0["email"]) },
                telephones: strings(object["telephone"]).map { .init(number: $0, contactType: nil) }
                    + contactPoints(object, byID: byID).flatMap { point in
                        strings(point["telephone"]).map {
                            JSONLDOrganisation.Telephone(number: $0, contactType: strings(point["contactType"]).first)
                        }
                    })
            result.append(organisation)
        }
        return result
    }

    /// Parses one script body, repairing what CMSs commonly break (comment wrappers, CDATA,
    /// trailing commas, raw newlines in strings).
    static func parse(_ text: String) -> Any? {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for wrapper in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
            if body.hasPrefix(wrapper.0) { body.removeFirst(wrapper.0.count) }
            if body.hasSuffix(wrapper.1) { body.removeLast(wrapper.1.count) }
        }
        if let value = decode(body) { return value }
        // Some CMSs HTML-escape the JSON inside the script element.
        if body.contains("&quot;") {
            body = body.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#34;", with: "\"")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        let repaired = removingTrailingCommas(body)
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
        return decode(repaired)
    }

    private static func decode(_ text: String) -> Any? {
        guard let data = text.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// Removes commas directly before `}` or `]` outside strings.
    static func removingTrailingCommas(_ text: String) -> String {
        var out: [Character] = []
        var inString = false, escaped = false
        for character in text {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                out.append(character)
                continue
            }
            if character == "\"" { inString = true }
            if character == "}" || character == "]" {
                var lookback = out.count - 1
                while lookback >= 0, out[lookback].isWhitespace { lookback -= 1 }
                if lookback >= 0, out[lookback] == "," { out.remove(at: lookback) }
            }
            out.append(character)
        }
        return String(out)
    }

    private static func collectObjects(_ value: Any, into objects: inout [[String: Any]], depth: Int = 0) {
        guard depth < 32 else { return }
        if let dictionary = value as? [String: Any] {
            objects.append(dictionary)
            for (_, child) in dictionary { collectObjects(child, into: &objects, depth: depth + 1) }
        } else if let array = value as? [Any] {
            for child in array { collectObjects(child, into: &objects, depth: depth + 1) }
        }
    }

    static func types(of object: [String: Any]) -> [String] {
        strings(object["@type"]).map { type in
            // `schema:Organization`, `http://schema.org/Organization`
            String(type.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == "#" }).last ?? Substring(type))
        }
    }

    private static let organisationTypes: Set<String> = [
        "organization", "governmentorganization", "localbusiness", "corporation", "ngo", "educationalorganization",
        "governmentoffice", "municipality", "collegeoruniversity", "hospital", "library", "museum", "school",
        "medicalorganization", "newsmediaorganization", "performinggroup", "sportsorganization", "airline",
        "fundingscheme", "researchorganization", "onlinebusiness", "cityhall", "policestation", "firestation",
        "publicservice", "consortium", "workersunion", "politicalparty", "searchrescueorganization",
    ]

    static func isOrganisation(_ object: [String: Any]) -> Bool {
        types(of: object).contains { organisationTypes.contains($0.lowercased()) || $0.hasSuffix("Organization") }
    }

    private static func contactPoints(_ object: [String: Any], byID: [String: [String: Any]]) -> [[String: Any]] {
        var points: [[String: Any]] = []
        let raw = object["contactPoint"] ?? object["contactPoints"]
        let values: [Any] = (raw as? [Any]) ?? (raw.map { [$0] } ?? [])
        for value in values {
            guard var point = value as? [String: Any] else { continue }
            if point.count == 1, let id = point["@id"] as? String, let resolved = byID[id] { point = resolved }
            points.append(point)
        }
        return points
    }

    private static func logoURLs(_ value: Any?, byID: [String: [String: Any]], depth: Int = 0) -> [String] {
        guard let value, depth < 4 else { return [] }
        if let string = value as? String { return [string] }
        if let array = value as? [Any] { return array.flatMap { logoURLs($0, byID: byID, depth: depth + 1) } }
        guard let object = value as? [String: Any] else { return [] }
        var found = strings(object["url"]) + strings(object["contentUrl"])
        if found.isEmpty, let id = object["@id"] as? String {
            if let resolved = byID[id], resolved.count > 1 {
                found = logoURLs(resolved, byID: byID, depth: depth + 1)
            } else if !id.hasPrefix("#") && !id.contains("/#") {
                found = [id]  // some sites use the image URL itself as the @id
            }
        }
        return found
    }

    /// String values of a property that may be a string, an array, or a `{"@value": …}` object.
    static func strings(_ value: Any?) -> [String] {
        switch value {
        case let string as String:
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? [] : [trimmed]
        case let array as [Any]:
            return array.flatMap { strings($0) }
        case let object as [String: Any]:
            return strings(object["@value"])
        default:
            return []
        }
    }
}
