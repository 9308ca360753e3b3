/// Same-document references as a graph: every element points at its children, at its
/// `href="#id"` target and at its `url(#id)` targets. A renderer expands `<use>` (and patterns,
/// markers, …) along these edges, so a cycle never ends and fan-out multiplies: `use` chains of
/// ten elements each referencing the previous one ten times make 10^n nodes from a few KB.
enum ReferenceGraph {
    static func check(
        _ root: XMLElement, references: SecurityRules.References, limits: SVGLimits, into collector: inout FindingCollector
    ) {
        reportBrokenReferences(root, references: references, into: &collector)
        reportDuplicateIDs(references, into: &collector)

        // Iterative depth-first search with memoised, saturating expanded sizes (no recursion:
        // reference chains can be as long as the document).
        let cap = limits.maxExpandedNodes + 1
        var expanded: [ObjectIdentifier: Int] = [:]
        var onStack: Set<ObjectIdentifier> = []
        var reportedCycle = false

        struct Frame {
            let element: XMLElement
            let successors: [(target: XMLElement, isReference: Bool)]
            var next = 0
            var total = 1
        }

        func successors(of element: XMLElement) -> [(target: XMLElement, isReference: Bool)] {
            var result = element.childElements.map { (target: $0, isReference: false) }
            let key = ObjectIdentifier(element)
            if let id = references.hrefTargets[key], let target = references.elementsByID[id] {
                result.append((target, true))
            }
            for id in references.urlTargets[key] ?? [] {
                if let target = references.elementsByID[id] { result.append((target, true)) }
            }
            return result
        }

        var stack = [Frame(element: root, successors: successors(of: root))]
        onStack.insert(ObjectIdentifier(root))
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next < stack[top].successors.count {
                let (target, isReference) = stack[top].successors[stack[top].next]
                stack[top].next += 1
                let key = ObjectIdentifier(target)
                if let size = expanded[key] {
                    stack[top].total = min(cap, stack[top].total + size)
                } else if onStack.contains(key) {
                    if isReference && !reportedCycle {
                        reportedCycle = true
                        let from = stack[top].element
                        collector.add(
                            .referenceCycle, .error, line: from.line,
                            "<\(SVGText.quote(from.qualifiedName))> refers back to itself through its references, which never ends; break the cycle."
                        )
                    }
                } else {
                    onStack.insert(key)
                    stack.append(Frame(element: target, successors: successors(of: target)))
                }
            } else {
                let frame = stack.removeLast()
                let key = ObjectIdentifier(frame.element)
                onStack.remove(key)
                expanded[key] = frame.total
                if let parent = stack.indices.last {
                    stack[parent].total = min(cap, stack[parent].total + frame.total)
                }
            }
        }

        if let total = expanded[ObjectIdentifier(root)], total > limits.maxExpandedNodes {
            collector.add(
                .referenceAmplification, .error, line: nil,
                "Expanding <use> and other references yields more than \(limits.maxExpandedNodes) elements; reference shapes fewer times.")
        }
    }

    /// Editors export repeated layer names as repeated ids; that alone draws the same in every
    /// viewer (a warning). A reference to such an id is ambiguous: viewers may resolve it to
    /// different elements (an error).
    private static func reportDuplicateIDs(_ references: SecurityRules.References, into collector: inout FindingCollector) {
        guard !references.duplicateIDs.isEmpty else { return }
        var referenced = references.idListTargets
        referenced.formUnion(references.hrefTargets.values)
        for targets in references.urlTargets.values { referenced.formUnion(targets) }
        referenced.formUnion(references.stylesheetTargets.map(\.id))
        for (id, count, line) in references.duplicateIDs {
            let shown = SVGText.quote(id)
            if referenced.contains(id) {
                collector.add(
                    .duplicateID, .error, line: line,
                    "The id \"\(shown)\" is used by \(count) elements and something refers to it, so viewers may pick different ones; make ids unique."
                )
            } else {
                collector.add(
                    .duplicateID, .warning, line: line,
                    "The id \"\(shown)\" is used by \(count) elements; nothing refers to it yet, but make ids unique.")
            }
        }
    }

    private static func reportBrokenReferences(
        _ root: XMLElement, references: SecurityRules.References, into collector: inout FindingCollector
    ) {
        root.forEachElement { element in
            let key = ObjectIdentifier(element)
            var ids: [String] = []
            if let id = references.hrefTargets[key] { ids.append(id) }
            ids += references.urlTargets[key] ?? []
            for id in ids where references.elementsByID[id] == nil {
                collector.add(
                    .brokenReference, .warning, line: element.line,
                    "<\(SVGText.quote(element.qualifiedName))> refers to #\(SVGText.quote(id)), which does not exist; fix or remove the reference."
                )
            }
        }
        for (id, line) in references.stylesheetTargets where references.elementsByID[id] == nil {
            collector.add(
                .brokenReference, .warning, line: line,
                "The stylesheet refers to #\(SVGText.quote(id)), which does not exist; fix or remove the reference.")
        }
    }
}
