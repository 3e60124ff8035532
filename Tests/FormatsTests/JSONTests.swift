import Formats
import Foundation
import Testing

@Test func rendersCompactJSONInKeyOrder() {
  let value = JSON.object([
    ("capture", .string("a1b2")), ("score", .number(0.875)), ("count", .integer(3)), ("whole", .number(2)),
    ("ok", .bool(true)), ("none", .null), ("list", .array([.integer(1), .string("x")])),
  ])
  #expect(
    value.rendered == #"{"capture":"a1b2","score":0.875,"count":3,"whole":2,"ok":true,"none":null,"list":[1,"x"]}"#)
}

@Test func escapesStringsSoAnyParserReadsThemBack() throws {
  let tricky = "quote \" backslash \\ newline \n tab \t bell \u{7} é 🩸"
  let text = JSON.object([("s", .string(tricky))]).rendered
  let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
  #expect(parsed?["s"] == tricky)
  #expect(text.contains(#"\u0007"#))
}

@Test func nonFiniteNumbersBecomeNull() {
  #expect(JSON.array([.number(.nan), .number(.infinity)]).rendered == "[null,null]")
}
