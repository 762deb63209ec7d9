import CLibXML2
import Foundation
import QuireModel

/// Streams an XML export through libxml2's text reader, handing over one element at a time.
///
/// Entries are built as small `XElement` trees and dropped once handled, so memory stays flat
/// however large the export is. External entities, DTD loading, entity expansion and network
/// access are all off: an export never needs them and a hostile file must not get them.
final class XMLStreamReader {
    /// The root element, without its children.
    struct Root {
        var namespace: String
        var name: String
        /// Namespace URIs declared on the root.
        var declaredNamespaces: [String]
    }

    let displayPath: String
    /// The most text kept of one element handed over whole, in bytes (`ImportOptions.maxPostBytes`):
    /// the rest of its text is dropped and counted in `XElement.textCut`, so that a post of
    /// any size never sits in memory.
    var textLimit = Int.max
    private(set) var warnings: [ImportWarning] = []
    private let pump: XMLInputPump
    private let declaredEncoding: String?
    /// Elements opened and not yet closed, to tell a file cut short from other errors.
    private var openElements = 0

    /// Opens the file and sniffs its encoding; nothing is parsed yet.
    init(url: URL, displayPath: String) throws {
        self.displayPath = displayPath
        _ = XMLStreamReader.installEntityGuard
        let head = XMLStreamReader.readHead(url: url)
        let encoding = EncodingSniffer.declaredEncoding(head)
        declaredEncoding = encoding.name
        do {
            pump = try XMLInputPump(path: url.path, mode: encoding.mode)
        } catch {
            throw ImportError(file: displayPath, message: "cannot read the file")
        }
    }

    var bytesRead: Int64 { pump.bytesRead }
    var fileSize: Int64 { pump.fileSize }

    /// Reads the whole document. `root` sees the root element and returns the depth at which
    /// elements are handed to `element` whole (1 for Atom entries, 2 for RSS items).
    func run(root: (Root) throws -> Int, element: (XElement) throws -> Void) throws {
        let box = ErrorBox()
        let ctx = Unmanaged.passUnretained(pump).toOpaque()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let reader = xmlReaderForIO(pumpRead, nil, ctx, nil, nil, options) else {
            throw ImportError(file: displayPath, message: "cannot start the XML parser")
        }
        defer { xmlFreeTextReader(reader) }
        let boxPtr = Unmanaged.passUnretained(box).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, collectError, boxPtr)
        // The box and pump must outlive the reader, which holds raw pointers to them.
        try withExtendedLifetime((box, pump)) {
            try parse(reader, box: box, root: root, element: element)
        }
        for w in box.namespaceWarnings {
            var message = w.message
            // "Namespace prefix app on draft is not defined": say how it was read.
            if message.hasPrefix("Namespace prefix "), let prefix = message.dropFirst(17).split(separator: " ").first,
               let uri = Self.usualPrefixes[String(prefix)] {
                message += "; read as \(uri), the namespace \(prefix): usually names"
            }
            warnings.append(ImportWarning(file: displayPath, line: w.line, message: message))
        }
        if box.moreNamespaceWarnings > 0 {
            warnings.append(ImportWarning(file: displayPath, line: nil,
                                          message: "\(box.moreNamespaceWarnings) more namespace problems like these"))
        }
        if let enc = declaredEncoding {
            warnings.append(ImportWarning(file: displayPath, line: nil,
                                          message: "converted from \(enc) to UTF-8"))
        }
        if pump.replacements > 0 {
            warnings.append(ImportWarning(
                file: displayPath, line: nil,
                message: "\(pump.replacements) invalid byte(s) replaced with U+FFFD"))
        }
    }

    private func parse(_ reader: xmlTextReaderPtr, box: ErrorBox, root: (Root) throws -> Int,
                       element: (XElement) throws -> Void) throws {
        var collectDepth = Int.max
        var stack: [XElement] = []
        // Text kept and dropped in the element being collected (see `textLimit`).
        var kept = 0, dropped = 0
        func handOver(_ done: XElement) throws {
            var done = done
            if dropped > 0 {
                done.textCut = kept + dropped
                warnings.append(ImportWarning(file: displayPath, line: done.line, message: "<\(done.name)> holds "
                    + "\(PostSizeLimit.size(kept + dropped)) of text, more than the \(PostSizeLimit.size(textLimit)) Quire "
                    + "reads of one post (--max-post-size): the rest is cut"))
            }
            kept = 0; dropped = 0
            try element(done)
        }
        var sawRoot = false
        var entityWarnings = 0
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 || box.error != nil { throw failure(reader, box) }
            let type = xmlTextReaderNodeType(reader)
            let depth = Int(xmlTextReaderDepth(reader))
            openElements = type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) ? depth
                : depth + (type == Int32(XML_READER_TYPE_ELEMENT.rawValue) && xmlTextReaderIsEmptyElement(reader) != 1 ? 1 : 0)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                var ns = string(xmlTextReaderConstNamespaceUri(reader))
                var name = string(xmlTextReaderConstLocalName(reader))
                let line = Int(xmlTextReaderGetParserLineNumber(reader))
                if ns.isEmpty, name.contains(":") { (ns, name) = Self.undeclared(name) }
                let (attributes, declared) = readAttributes(reader)
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                if !sawRoot {
                    sawRoot = true
                    collectDepth = try root(Root(namespace: ns, name: name, declaredNamespaces: declared))
                    continue
                }
                guard depth >= collectDepth else { continue }
                let el = XElement(namespace: ns, name: name, attributes: attributes, line: line)
                if empty {
                    if stack.isEmpty { try handOver(el) } else { stack[stack.count - 1].children.append(el) }
                } else {
                    stack.append(el)
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                guard depth >= collectDepth, let done = stack.popLast() else { continue }
                if stack.isEmpty { try handOver(done) } else { stack[stack.count - 1].children.append(done) }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue),
                 Int32(XML_READER_TYPE_WHITESPACE.rawValue):
                guard !stack.isEmpty, let value = xmlTextReaderConstValue(reader) else { continue }
                let length = strlen(value)
                if dropped == 0 && kept + length <= textLimit {
                    stack[stack.count - 1].text += String(cString: value)
                    kept += length
                } else {
                    // Up to the limit, ending on a whole character.
                    var room = dropped == 0 ? textLimit - kept : 0
                    while room > 0 && value[room] & 0xC0 == 0x80 { room -= 1 }
                    if room > 0 {
                        stack[stack.count - 1].text += String(decoding: UnsafeBufferPointer(start: value, count: room), as: UTF8.self)
                    }
                    kept += room
                    dropped += length - room
                }
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                // Never expanded: a hostile file could make it huge or point it at local files.
                entityWarnings += 1
                if entityWarnings == 1 {
                    let name = string(xmlTextReaderConstName(reader))
                    warnings.append(ImportWarning(
                        file: displayPath, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                        message: "entity &\(name); left unexpanded"))
                }
            default:
                continue
            }
        }
        if !sawRoot {
            throw ImportError(file: displayPath, line: 1, column: 1, message: "no XML document in the file")
        }
    }

    /// Prefixes the exports use, with the namespace each stands for.
    static let usualPrefixes: [String: String] = [
        "atom": "http://www.w3.org/2005/Atom", "app": "http://purl.org/atom/app#",
        "thr": "http://purl.org/syndication/thread/1.0", "gd": "http://schemas.google.com/g/2005",
        "blogger": "http://schemas.google.com/blogger/2018", "wp": "http://wordpress.org/export/1.2/",
        "excerpt": "http://wordpress.org/export/1.2/excerpt/", "content": "http://purl.org/rss/1.0/modules/content/",
        "dc": "http://purl.org/dc/elements/1.1/",
    ]
    /// An element whose prefix no declaration binds (libxml2 names it `app:draft`, in no
    /// namespace, and reports it): read in the namespace that prefix usually stands for.
    private static func undeclared(_ qualified: String) -> (namespace: String, name: String) {
        let prefix = String(qualified.prefix { $0 != ":" })
        guard let uri = usualPrefixes[prefix] else { return ("", qualified) }
        return (uri, String(qualified.dropFirst(prefix.count + 1)))
    }

    private func readAttributes(_ reader: xmlTextReaderPtr) -> ([String: String], [String]) {
        var attributes: [String: String] = [:]
        var declared: [String] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return (attributes, declared) }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let value = string(xmlTextReaderConstValue(reader))
            if xmlTextReaderIsNamespaceDecl(reader) == 1 {
                declared.append(value)
            } else {
                // An attribute with an undeclared prefix comes named `prefix:name`.
                let name = string(xmlTextReaderConstLocalName(reader))
                attributes[name.split(separator: ":").last.map(String.init) ?? name] = value
            }
        }
        xmlTextReaderMoveToElement(reader)
        return (attributes, declared)
    }

    private func failure(_ reader: xmlTextReaderPtr, _ box: ErrorBox) -> ImportError {
        if let e = box.error {
            // Errors inside an entity's text count lines within that text: point at the document.
            if e.message.lowercased().contains("entity") {
                return ImportError(file: displayPath, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                   column: Int(xmlTextReaderGetParserColumnNumber(reader)),
                                   message: e.message + " (entities are never expanded)")
            }
            // Without XML_PARSE_HUGE, which would also lift the guards against entity expansion
            // in attributes, libxml2 refuses text of more than 10 MB in one element.
            if e.message.contains("huge text node") {
                return ImportError(file: displayPath, line: e.line, column: e.column,
                                   message: "an element holds more than 10 MB of text, more than Quire reads in one post")
            }
            // libxml2 says "extra content" or "premature end" when a file stops mid-element.
            let atEnd = e.message.contains("end of") && pump.reachedEnd && openElements > 0
            let cut = atEnd ? " (the file ends before its elements are closed: cut short?)" : ""
            return ImportError(file: displayPath, line: e.line, column: e.column, message: e.message + cut)
        }
        return ImportError(file: displayPath, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                           column: Int(xmlTextReaderGetParserColumnNumber(reader)),
                           message: "malformed XML")
    }

    private func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    static func readHead(url: URL, count: Int = 4096) -> Data {
        guard let h = try? FileHandle(forReadingFrom: url) else { return Data() }
        defer { try? h.close() }
        return (try? h.read(upToCount: count)) ?? Data()
    }

    /// Refuses every external resource libxml2 might try to load, in any parser of this process.
    private static let installEntityGuard: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()
}

/// The first error libxml2 reported for a document, and its namespace problems.
private final class ErrorBox {
    struct Report { var line: Int; var column: Int; var message: String }
    var error: Report?
    /// Namespace errors (an undeclared prefix, a namespace name that is not a URI) leave the
    /// document well-formed: it is read on, and each is reported as a warning.
    var namespaceWarnings: [Report] = []
    var moreNamespaceWarnings = 0
    static let namespaceWarningLimit = 20
}

private let collectError: xmlStructuredErrorFunc = { ctx, errorPtr in
    guard let ctx, let err = errorPtr?.pointee else { return }
    let box = Unmanaged<ErrorBox>.fromOpaque(ctx).takeUnretainedValue()
    guard box.error == nil, err.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    var message = err.message.map { String(cString: $0) } ?? "malformed XML"
    message = message.trimmingCharacters(in: .whitespacesAndNewlines)
    let report = ErrorBox.Report(line: Int(err.line), column: Int(err.int2), message: message)
    if err.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
        if box.namespaceWarnings.count < ErrorBox.namespaceWarningLimit {
            box.namespaceWarnings.append(report)
        } else {
            box.moreNamespaceWarnings += 1
        }
        return
    }
    box.error = report
}

private let pumpRead: xmlInputReadCallback = { ctx, buffer, len in
    guard let ctx, let buffer else { return -1 }
    let pump = Unmanaged<XMLInputPump>.fromOpaque(ctx).takeUnretainedValue()
    return pump.read(into: buffer, capacity: Int(len))
}
