/// A parsed HTML document as plain Swift values, built once per page by `HTMLParser` while
/// libxml2 parses (no libxml2 DOM is kept); everything above the parser reads this, never libxml2.
///
/// Nodes are numbered in document order (pre-order), so a node's descendants are exactly the
/// indices after it up to the end of its subtree. The storage is a few flat arrays of 32-bit
/// integers plus one byte buffer holding every text and attribute value: about 20 bytes per node
/// and 12 per attribute, instead of a Swift object graph with a `String` and an `Array` per
/// node. A 5 MB page must stay within a few tens of megabytes (issue 11, item 6).
struct HTMLTree: Sendable {
    struct Attribute: Sendable, Equatable {
        /// Lower-cased by the HTML parser.
        var name: String
        var value: String
    }

    /// A read-only view of one node. Strings are made on access, so read a value once and keep it
    /// rather than asking again in a loop.
    struct Node: Sendable {
        enum Kind: Sendable { case element, text }

        fileprivate let storage: Storage
        let index: Int

        var kind: Kind { storage.nameIDs[index] == Storage.textID ? .text : .element }

        /// Lower-cased element name; empty for text.
        var name: String {
            let id = storage.nameIDs[index]
            return id == Storage.textID ? "" : storage.names[Int(id)]
        }

        /// Text content for text (and CDATA) nodes; empty for elements.
        var text: String {
            guard kind == .text else { return "" }
            return storage.string(start: storage.contentStart[index], count: storage.contentCount[index])
        }

        var parent: Int? {
            let parent = storage.parents[index]
            return parent < 0 ? nil : Int(parent)
        }

        /// Direct children, in document order.
        var children: [Int] {
            var result: [Int] = []
            let end = Int(storage.ends[index])
            var child = index + 1
            while child < end {
                result.append(child)
                child = Int(storage.ends[child])
            }
            return result
        }

        var attributes: [Attribute] {
            guard kind == .element else { return [] }
            let start = Int(storage.contentStart[index])
            return (start..<start + Int(storage.contentCount[index])).map { position in
                Attribute(name: storage.names[Int(storage.attributeNames[position])], value: storage.attributeValue(position))
            }
        }

        func attribute(_ name: String) -> String? {
            guard kind == .element else { return nil }
            let count = Int(storage.contentCount[index])
            guard count > 0, let id = storage.nameLookup[name] else { return nil }
            let start = Int(storage.contentStart[index])
            for position in start..<start + count where storage.attributeNames[position] == id {
                return storage.attributeValue(position)
            }
            return nil
        }
    }

    /// All nodes, in document order (a node's index is greater than its parent's).
    struct Nodes: RandomAccessCollection, Sendable {
        fileprivate let storage: Storage
        var startIndex: Int { 0 }
        var endIndex: Int { storage.nameIDs.count }
        subscript(position: Int) -> Node { Node(storage: storage, index: position) }
    }

    /// Ancestors from the parent outwards, produced lazily: `first(where:)` and `prefix(_:)` stop
    /// early, which matters on pages nested hundreds of thousands of levels deep.
    struct Ancestors: Sequence, Sendable {
        fileprivate let storage: Storage
        fileprivate let index: Int

        struct Iterator: IteratorProtocol {
            fileprivate let storage: Storage
            fileprivate var current: Int32

            mutating func next() -> Int? {
                guard current >= 0 else { return nil }
                let result = Int(current)
                current = storage.parents[result]
                return result
            }
        }

        func makeIterator() -> Iterator { Iterator(storage: storage, current: storage.parents[index]) }
    }

    fileprivate let storage: Storage
    /// Top-level nodes (normally just `<html>`).
    let roots: [Int]

    init() {
        self.init(storage: Storage(builder: Builder(expectedBytes: 0)))
    }

    fileprivate init(storage: Storage) {
        self.storage = storage
        roots = storage.parents.indices.filter { storage.parents[$0] < 0 }
    }

    var nodes: Nodes { Nodes(storage: storage) }

    subscript(index: Int) -> Node { Node(storage: storage, index: index) }

    /// Indices of elements named `name`, in document order.
    func elements(named name: String) -> [Int] {
        guard let id = storage.nameLookup[name] else { return [] }
        return storage.nameIDs.indices.filter { storage.nameIDs[$0] == id }
    }

    func ancestors(of index: Int) -> Ancestors { Ancestors(storage: storage, index: index) }

    /// Descendant indices in document order (the node itself excluded).
    func descendants(of index: Int) -> Range<Int> { (index + 1)..<Int(storage.ends[index]) }

    /// Concatenated text of the node and its descendants, whitespace collapsed.
    func textContent(of index: Int) -> String {
        if self[index].kind == .text { return self[index].text.collapsingWhitespace }
        var parts: [String] = []
        for descendant in descendants(of: index) where storage.nameIDs[descendant] == Storage.textID {
            parts.append(self[descendant].text)
        }
        return parts.joined(separator: " ").collapsingWhitespace
    }

    /// Raw concatenated text of direct and indirect text children (for `<script>` and `<style>`).
    func rawText(of index: Int) -> String {
        var bytes: [UInt8] = []
        for descendant in descendants(of: index) where storage.nameIDs[descendant] == Storage.textID {
            let start = Int(storage.contentStart[descendant])
            bytes += storage.bytes[start..<start + Int(storage.contentCount[descendant])]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first element named `name`, searching the whole document.
    func first(_ name: String) -> Int? {
        guard let id = storage.nameLookup[name] else { return nil }
        return storage.nameIDs.firstIndex(of: id)
    }
}

extension HTMLTree {
    /// The tree's arrays, immutable once built.
    fileprivate final class Storage: Sendable {
        static let textID = UInt32.max

        /// Element and attribute names, each once; `nameIDs` and `attributeNames` index into it.
        let names: [String]
        let nameLookup: [String: UInt32]
        /// Per node: its name (`textID` for text), parent (-1 at the top), and the index after its
        /// subtree. For text, `contentStart`/`contentCount` are a byte range of `bytes`; for an
        /// element, a range of the attribute arrays.
        let nameIDs: [UInt32]
        let parents: [Int32]
        let ends: [Int32]
        let contentStart: [UInt32]
        let contentCount: [UInt32]
        /// Per attribute: its name, and its value as a byte range of `bytes`.
        let attributeNames: [UInt32]
        let attributeValueStart: [UInt32]
        let attributeValueCount: [UInt32]
        /// UTF-8 of every text node and attribute value, back to back.
        let bytes: [UInt8]

        init(builder: consuming Builder) {
            names = builder.names
            nameLookup = builder.nameLookup
            nameIDs = builder.nameIDs
            parents = builder.parents
            ends = builder.ends
            contentStart = builder.contentStart
            contentCount = builder.contentCount
            attributeNames = builder.attributeNames
            attributeValueStart = builder.attributeValueStart
            attributeValueCount = builder.attributeValueCount
            bytes = builder.bytes
        }

        func string(start: UInt32, count: UInt32) -> String {
            bytes.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(start) + Int(count)]), as: UTF8.self)
            }
        }

        func attributeValue(_ position: Int) -> String {
            string(start: attributeValueStart[position], count: attributeValueCount[position])
        }
    }

    /// Appends nodes in document order as the parser reports them (start tag, text, end tag).
    /// Mirrors what libxml2's own tree builder (SAX2) does with the same events, so the tree is
    /// the one `htmlReadMemory` would have built, without its depth limit.
    struct Builder {
        fileprivate var names: [String] = []
        fileprivate var nameLookup: [String: UInt32] = [:]
        fileprivate var nameIDs: [UInt32] = []
        fileprivate var parents: [Int32] = []
        fileprivate var ends: [Int32] = []
        fileprivate var contentStart: [UInt32] = []
        fileprivate var contentCount: [UInt32] = []
        fileprivate var attributeNames: [UInt32] = []
        fileprivate var attributeValueStart: [UInt32] = []
        fileprivate var attributeValueCount: [UInt32] = []
        fileprivate var bytes: [UInt8] = []
        /// Open elements, innermost last.
        private var open: [Int32] = []
        /// A comment or processing instruction came after the last node: the next text is a new
        /// node, as in libxml2's tree.
        private var textInterrupted = false
        private var lastRootElement: Int32 = -1

        /// `expectedBytes`: the page's size, an upper bound for its text and attribute values
        /// (entities only shrink), so the byte buffer is allocated once. Untouched pages of the
        /// allocation cost no memory.
        init(expectedBytes: Int) {
            bytes.reserveCapacity(expectedBytes)
        }

        /// The id of a (lower-cased) name, added on first use.
        mutating func nameID(_ name: String) -> UInt32 {
            if let id = nameLookup[name] { return id }
            let id = UInt32(names.count)
            names.append(name)
            nameLookup[name] = id
            return id
        }

        /// Attribute values are UTF-8 bytes; a missing value (`<input disabled>`) is empty.
        mutating func startElement(nameID: UInt32, attributes: [(name: UInt32, value: UnsafeBufferPointer<UInt8>)]) {
            let index = Int32(nameIDs.count)
            // libxml2 puts an element that starts after the root has closed inside the root.
            let parent = open.last ?? lastRootElement
            nameIDs.append(nameID)
            parents.append(parent)
            ends.append(0)
            contentStart.append(UInt32(attributeNames.count))
            contentCount.append(UInt32(attributes.count))
            for attribute in attributes {
                attributeNames.append(attribute.name)
                attributeValueStart.append(UInt32(bytes.count))
                attributeValueCount.append(UInt32(attribute.value.count))
                bytes.append(contentsOf: attribute.value)
            }
            if parent < 0 { lastRootElement = index }
            open.append(index)
            textInterrupted = false
        }

        mutating func endElement() {
            guard let index = open.popLast() else { return }
            ends[Int(index)] = Int32(nameIDs.count)
        }

        /// Text inside the innermost open element; consecutive runs join into one node. Text
        /// outside every element is dropped, as libxml2's tree builder does. Whitespace is kept:
        /// libxml2 (keepBlanks) reports it as text too.
        mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
            guard let parent = open.last, !text.isEmpty else { return }
            let last = nameIDs.count - 1
            if !textInterrupted, last >= 0, nameIDs[last] == Storage.textID, parents[last] == parent {
                contentCount[last] += UInt32(text.count)
            } else {
                nameIDs.append(Storage.textID)
                parents.append(parent)
                ends.append(Int32(nameIDs.count))
                contentStart.append(UInt32(bytes.count))
                contentCount.append(UInt32(text.count))
            }
            bytes.append(contentsOf: text)
            textInterrupted = false
        }

        mutating func interruptText() { textInterrupted = true }

        /// Closes what is still open and fixes the ends of top-level elements that received
        /// children after they closed.
        consuming func finish() -> HTMLTree {
            while !open.isEmpty { endElement() }
            let count = Int32(nameIDs.count)
            var nextRoot = count
            for index in parents.indices.reversed() where parents[index] < 0 {
                ends[index] = nextRoot
                nextRoot = Int32(index)
            }
            return HTMLTree(storage: Storage(builder: self))
        }
    }
}

extension String {
    /// Runs of whitespace (including non-breaking spaces) become one space; ends trimmed.
    var collapsingWhitespace: String {
        // Built as UTF-8 bytes, and ASCII decided without a Unicode property lookup: this runs
        // over every text node of every page.
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            let value = scalar.value
            let isSpace = value < 0x80
                ? value == 0x20 || (value >= 0x09 && value <= 0x0D)
                : value == 0x00A0 || value == 0x200B || scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                if value < 0x80 {
                    result.append(UInt8(value))
                } else {
                    UTF8.encode(scalar) { result.append($0) }
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
