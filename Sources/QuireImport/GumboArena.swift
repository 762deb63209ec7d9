import CGumbo

/// Memory for one gumbo parse of a small post: gumbo makes many small allocations and frees
/// each of them again at the end; taken from large chunks and given back all at once, they
/// cost far less (gumbo's own allocations and frees were a sixth of its time in an import).
/// Memory given back during the parse is not reused, so big posts use `malloc` instead.
final class GumboArena {
    /// Inputs up to this size are parsed in an arena.
    static let largestInput = 256 << 10
    private static let chunkSize = 64 << 10

    private var chunks: [UnsafeMutableRawPointer] = []
    private var next: UnsafeMutableRawPointer?
    private var left = 0

    func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let size = (max(size, 1) + 15) & ~15
        if size > left {
            let length = max(Self.chunkSize, size)
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 16)
            chunks.append(chunk)
            next = chunk
            left = length
        }
        let p = next!
        next = p + size
        left -= size
        return p
    }

    deinit { for chunk in chunks { chunk.deallocate() } }

    /// Parses `input` (UTF-8) with gumbo and hands its output to `body`; the output is freed
    /// when `body` returns.
    static func parse(_ input: UnsafeBufferPointer<CChar>, options base: GumboOptions,
                      _ body: (UnsafeMutablePointer<GumboOutput>) -> Void) {
        var options = base
        guard input.count <= largestInput else {
            guard let output = gumbo_parse_with_options(&options, input.baseAddress, input.count) else { return }
            defer { gumbo_destroy_output(&options, output) }
            body(output)
            return
        }
        let arena = GumboArena()
        withExtendedLifetime(arena) {
            options.userdata = Unmanaged.passUnretained(arena).toOpaque()
            options.allocator = { userdata, size in
                Unmanaged<GumboArena>.fromOpaque(userdata!).takeUnretainedValue().allocate(size)
            }
            options.deallocator = { _, _ in }
            // Nothing to destroy: the arena's chunks go when it does.
            guard let output = gumbo_parse_with_options(&options, input.baseAddress, input.count) else { return }
            body(output)
        }
    }
}
