import Foundation
import OrgModel
import Testing

@testable import Profiles

@Suite struct ProfileCodingTests {
    /// A profile file as `Profile.encoder()` wrote it while `foundBy` was a bare string (checked
    /// against that code before the change): the typed codes must read it and write the same bytes.
    static let writtenBefore = """
        {
          "email" : {
            "foundAt" : "https://www.digdir.no/kontakt",
            "foundBy" : "mailto",
            "stale" : false,
            "value" : "postmottak@digdir.no"
          },
          "logo" : {
            "confidence" : 0.93,
            "file" : "logos/991825827-0123456789abcdef.svg",
            "foundBy" : "header-home-link",
            "foundOn" : "https://www.digdir.no/",
            "retrievedAt" : "2026-11-24T21:00:00Z",
            "sha256" : "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "sourceURL" : "https://www.digdir.no/logo.svg",
            "stale" : false,
            "validation" : {
              "findings" : [

              ],
              "verdict" : "accepted"
            }
          },
          "name" : {
            "display" : "Digitaliseringsdirektoratet",
            "displaySource" : "og:site_name",
            "registered" : "DIGITALISERINGSDIREKTORATET"
          },
          "organisationNumber" : "991825827",
          "phone" : {
            "display" : "22 45 10 00",
            "e164" : "+4722451000",
            "foundAt" : "https://data.brreg.no/enhetsregisteret/api/enheter/991825827",
            "foundBy" : "registry",
            "stale" : true
          },
          "problems" : [
            {
              "code" : "logo.low-confidence",
              "message" : "check it by hand"
            }
          ],
          "refreshedAt" : "2026-11-24T21:00:00Z",
          "schemaVersion" : 1,
          "status" : "active",
          "website" : "https://www.digdir.no/"
        }
        """

    @Test func aProfileWrittenWithStringCodesReadsAndWritesTheSameBytes() throws {
        let profile = try Profile.decoder().decode(Profile.self, from: Data(Self.writtenBefore.utf8))
        #expect(profile.logo?.foundBy == .headerHomeLink)
        #expect(profile.email?.foundBy == .mailto)
        #expect(profile.phone?.foundBy == .registry)
        let written = String(decoding: try Profile.encoder().encode(profile), as: UTF8.self)
        #expect(written == Self.writtenBefore)
    }
}
