import FileIO
import Foundation
import HTTPTypes
import Hummingbird
import OrgModel
import Profiles

/// The read-only consumer API: `GET /profiles` (JSON or NDJSON, filtered), `GET /profiles/{orgnr}`
/// and `GET /logos/{file}`. Profiles are served as stored; every answer has a strong `ETag`.
enum ConsumerRoutes {
    static let ndjsonType = "application/x-ndjson"
    /// Profiles change with every refresh: clients keep their copy but ask again (a 304 is cheap).
    static let profileCacheControl = "no-cache"
    /// Logo files are named by their content's hash (renditions and the Tiny PS copy by the logo's),
    /// but the Tiny PS copy's title follows the display name: a day, then revalidate.
    static let logoCacheControl = "public, max-age=86400"
    /// What a logo may do in a browser that opens it directly: nothing but draw.
    static let logoContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

    static let logoTypes = ["svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"]

    static func register(on router: Router<SurfaceContext>, surface: Surface, index: ProfileIndex) {
        router.get("/profiles") { request, _ in
            try await profiles(request, index: index)
        }
        router.get("/profiles/{orgnr}") { request, context in
            try await profile(request, number: context.parameters.get("orgnr") ?? "", cacheDirectory: surface.cacheDirectory)
        }
        router.get("/logos/{file}") { request, context in
            try await logo(request, file: context.parameters.get("file") ?? "", cacheDirectory: surface.cacheDirectory)
        }
    }

    static func profiles(_ request: Request, index: ProfileIndex) async throws -> Response {
        let query: ProfileQuery
        do {
            query = try ProfileQuery(query: request.uri.query)
        } catch {
            return Answers.sentence(.badRequest, error.description)
        }
        let snapshot: ProfileIndex.Snapshot
        do {
            snapshot = try await FileIOExecutor.shared.run { () throws(StoreError) in try index.snapshot() }
        } catch {
            return Answers.sentence(.internalServerError, "the profiles cannot be read: \(error)")
        }
        let wantsLines = request.headers[values: .accept].contains { $0.contains(ndjsonType) }
        let representation = wantsLines ? "ndjson" : "json"
        let tag =
            query.isEmpty && !wantsLines
            ? Answers.entityTag(snapshot.sha256)
            : Answers.entityTag(SHA256.hex(Data("\(snapshot.sha256)|\(representation)|\(query.canonical)".utf8)))
        var headers: HTTPFields = [.eTag: tag, .cacheControl: profileCacheControl, .vary: "Accept"]
        if Answers.notModified(request, tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        let entries = query.isEmpty ? snapshot.entries[...] : snapshot.entries.filter(query.matches)[...]
        if wantsLines {
            headers[.contentType] = ndjsonType
            // One profile a line, written in chunks as the client takes them.
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    var chunk = ByteBuffer()
                    chunk.reserveCapacity(64 * 1024)
                    for entry in entries {
                        chunk.writeBytes(entry.compactJSON)
                        chunk.writeInteger(UInt8(ascii: "\n"))
                        if chunk.readableBytes >= 64 * 1024 {
                            try await writer.write(chunk)
                            chunk.clear()
                        }
                    }
                    if chunk.readableBytes > 0 { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        headers[.contentType] = "application/json"
        let document = query.isEmpty ? snapshot.document : ProfileIndex.Snapshot.document(of: entries)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document)))
    }

    static func profile(_ request: Request, number text: String, cacheDirectory: String) async throws -> Response {
        let number: OrganisationNumber
        do {
            number = try OrganisationNumber(validating: text)
        } catch {
            return Answers.sentence(.badRequest, error.description)
        }
        let store = ProfileStore(root: cacheDirectory)
        let path = store.profilePath(number.digits)
        // The store replaces profiles by rename: a whole file is read, old or new, never half of one.
        let data = await FileIOExecutor.shared.run { FileManager.default.contents(atPath: path) }
        guard let data else {
            return Answers.sentence(.notFound, "no profile for \(number.digits): it is not tracked, or has not been refreshed yet")
        }
        return Answers.body(
            request, bytes: ByteBuffer(bytes: data), tag: Answers.tag(of: data), contentType: "application/json",
            cacheControl: profileCacheControl)
    }

    /// A file name the store writes under `logos/`: letters, digits, `-`, `_` and dots, not
    /// starting with a dot, with a known image extension. Nothing else is looked up.
    static func isServableLogoName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 255, !name.hasPrefix("."), !name.contains(".."),
            name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { return false }
        return logoTypes[fileExtension(name)] != nil
    }

    static func fileExtension(_ name: String) -> String {
        name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
    }

    static func logo(_ request: Request, file: String, cacheDirectory: String) async throws -> Response {
        guard isServableLogoName(file), let type = logoTypes[fileExtension(file)] else {
            return Answers.sentence(
                .notFound, "no such logo file; logo files are named in the profiles (logo.file, logo.renditions[].file)")
        }
        let path = ProfileStore(root: cacheDirectory).logosDirectory + "/" + file
        let data = await FileIOExecutor.shared.run { readRegularFile(path) }
        guard let data else {
            return Answers.sentence(.notFound, "no logo file '\(file)'; it may have been replaced by a newer logo (see the profile)")
        }
        return Answers.body(
            request, bytes: ByteBuffer(bytes: data), tag: Answers.tag(of: data), contentType: type, cacheControl: logoCacheControl,
            extra: [.xContentTypeOptions: "nosniff", .contentSecurityPolicy: logoContentSecurityPolicy])
    }

    /// The whole file, only when it is a regular file reached without following a symbolic link.
    static func readRegularFile(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        let count = data.count
        var total = 0
        let ok = data.withUnsafeMutableBytes { raw -> Bool in
            while total < count {
                let n = read(fd, raw.baseAddress! + total, count - total)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                total += n
            }
            return true
        }
        return ok ? data : nil
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
}
