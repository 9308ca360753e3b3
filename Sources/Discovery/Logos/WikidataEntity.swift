import Foundation

/// The parts of Wikidata API answers discovery reads. Pure parsing: the JSON bytes in, plain
/// values out; anything unexpected gives nothing rather than an error.
struct WikidataEntity: Sendable, Equatable {
    /// An image statement: a Commons file name and the property it came from.
    struct Image: Sendable, Equatable {
        var file: String
        var property: String
    }

    var id: String
    /// Logo images (P154), current statements only, preferred rank first.
    var logos: [String]
    /// Coats of arms (P94): the practical logo of a kommune.
    var coatsOfArms: [String]
    /// Official websites (P856).
    var websites: [String]
    /// Small logos or icons (P8972), the last resort.
    var smallLogos: [String] = []

    /// P154, then P94, then P8972.
    var images: [Image] {
        logos.map { Image(file: $0, property: "P154") } + coatsOfArms.map { Image(file: $0, property: "P94") }
            + smallLogos.map { Image(file: $0, property: "P8972") }
    }

    /// Item ids (`Q…`) from `action=query&list=search`, in the order the search gave them.
    static func itemIDs(fromSearch data: Data) -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let query = root["query"] as? [String: Any], let hits = query["search"] as? [[String: Any]]
        else { return [] }
        return hits.compactMap { hit in
            guard let title = hit["title"] as? String else { return nil }
            // Search titles are `Q123` in the main namespace (`Item:Q123` on some installs).
            let id = title.split(separator: ":").last.map(String.init) ?? title
            return isItemID(id) ? id : nil
        }
    }

    static func isItemID(_ text: String) -> Bool {
        text.count > 1 && text.first == "Q" && text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Entities from `action=wbgetentities`, in the order of `ids`.
    static func entities(from data: Data, ids: [String]) -> [WikidataEntity] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entities = root["entities"] as? [String: Any]
        else { return [] }
        return ids.compactMap { id in
            guard let entity = entities[id] as? [String: Any], entity["missing"] == nil else { return nil }
            let claims = entity["claims"] as? [String: Any] ?? [:]
            return WikidataEntity(
                id: id, logos: currentValues(claims["P154"]), coatsOfArms: currentValues(claims["P94"]),
                websites: currentValues(claims["P856"]), smallLogos: currentValues(claims["P8972"]))
        }
    }

    /// String values of a property's statements: deprecated ones and ones with an end time
    /// (P582, e.g. an old logo) left out, preferred rank first.
    private static func currentValues(_ statements: Any?) -> [String] {
        guard let statements = statements as? [[String: Any]] else { return [] }
        var preferred: [String] = []
        var normal: [String] = []
        for statement in statements {
            let rank = statement["rank"] as? String ?? "normal"
            guard rank != "deprecated" else { continue }
            if let qualifiers = statement["qualifiers"] as? [String: Any], qualifiers["P582"] != nil { continue }
            guard let snak = statement["mainsnak"] as? [String: Any], snak["snaktype"] as? String ?? "value" == "value",
                let datavalue = snak["datavalue"] as? [String: Any], let value = datavalue["value"] as? String
            else { continue }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            if rank == "preferred" { preferred.append(trimmed) } else { normal.append(trimmed) }
        }
        return preferred + normal
    }
}
