// One libcurl easy handle and the buffers its callbacks fill. Not Sendable: one thread owns
// it. Reusing the handle keeps libcurl's connection cache, so one login serves many transfers.
import CCurl

/// libcurl global state is set up once, before the first handle (curl_global_init(3) is not
/// thread-safe on older builds; Swift runs this initializer exactly once).
private let curlGlobalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

final class CurlHandle {
    private let handle: UnsafeMutableRawPointer
    private let context = CurlTransferContext()
    private var errorBuffer: UnsafeMutablePointer<CChar>
    private var secretWords: [String] = []
    /// Sum of CURLINFO_NUM_CONNECTS over this handle's life: the number of logins.
    private(set) var connectionsOpened = 0

    init() throws(TransportError) {
        guard curlGlobalInit == CURLE_OK, let h = curl_easy_init() else {
            throw TransportError(kind: .other, hint: "libcurl could not be initialised — check the libcurl installation")
        }
        handle = h
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        context.handle = h
        let ctx = Unmanaged.passUnretained(context).toOpaque()
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, ctx)
        _ = ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, ctx)
        _ = ccurl_setopt_data_callback(handle, CURLOPT_READFUNCTION, curlReadCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_READDATA, ctx)
        _ = ccurl_setopt_debug_callback(handle, curlDebugCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, ctx)
        // The debug callback builds the redacted transcript; nothing goes to stderr.
        _ = ccurl_setopt_long(handle, CURLOPT_VERBOSE, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Options shared by IMAP and SMTP: TLS policy, CA, timeouts, credentials.
    func configure(endpoint: MailEndpoint, user: String, password: Secret, caFile: String?,
                   connectTimeout: Duration, lowSpeedTimeout: Duration,
                   localAddress: String? = nil) throws(TransportError) {
        let protocols = endpoint.proto == .imap ? "imap,imaps" : "smtp,smtps"
        try set(CURLOPT_PROTOCOLS_STR, protocols)
        switch endpoint.security {
        case .implicitTLS, .startTLS:
            // RFC 8314 §5.1 / RFC 3207: require TLS; fail rather than fall back to plain text.
            try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .plain:
            try set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { try set(CURLOPT_CAINFO, caFile) }
        try set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connectTimeout))
        // Each command reply must come within this time (pingpong protocols), and a transfer
        // slower than 1 byte/s for this long is abandoned.
        let lowSpeedSeconds = max(1, Int(lowSpeedTimeout.components.seconds))
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, lowSpeedSeconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, lowSpeedSeconds)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        if let localAddress { try set(CURLOPT_INTERFACE, "host!" + localAddress) }
        if endpoint.proto == .imap {
            // libcurl cuts response lines longer than its buffer without an error: use the
            // largest buffer it allows (CURL_MAX_READ_SIZE, 512 KiB in 7.88).
            try set(CURLOPT_BUFFERSIZE, 512 * 1024)
        }
        if !user.isEmpty {
            try set(CURLOPT_USERNAME, user)
            try set(CURLOPT_PASSWORD, password.reveal())
        }
        secretWords = password.isEmpty ? [] : [password.reveal()]
    }

    func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_setopt_long(handle, option, value), option: option)
    }

    func set(_ option: CURLoption, _ value: String?) throws(TransportError) {
        let code: CURLcode
        if let value {
            code = value.withCString { ccurl_setopt_string(handle, option, $0) }  // libcurl copies strings
        } else {
            code = ccurl_setopt_string(handle, option, nil)
        }
        try check(code, option: option)
    }

    private func check(_ code: CURLcode, option: CURLoption) throws(TransportError) {
        guard code == CURLE_OK else {
            throw TransportError(kind: .configuration, curlCode: Int(code.rawValue),
                hint: "libcurl refused option \(option.rawValue) — this libcurl build lacks a needed feature (curl ≥ 7.85 with TLS is required)",
                detail: String(cString: curl_easy_strerror(code)))
        }
    }

    /// Runs one transfer on `url`. `upload` makes it an APPEND / SMTP DATA; `recipients` sets
    /// MAIL_RCPT for SMTP (the list lives only during the call).
    func perform(url: String, customRequest: String? = nil, upload: [UInt8]? = nil,
                 mailFrom: String? = nil, recipients: [String]? = nil) throws(TransportError) -> CurlTransfer {
        context.reset(secretWords: secretWords)
        errorBuffer[0] = 0
        try set(CURLOPT_URL, url)
        try set(CURLOPT_CUSTOMREQUEST, customRequest)
        if let upload {
            context.upload = upload
            try set(CURLOPT_UPLOAD, 1)
            try check(ccurl_setopt_offset(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.count)),
                      option: CURLOPT_INFILESIZE_LARGE)
        } else {
            try set(CURLOPT_UPLOAD, 0)
        }
        if let mailFrom { try set(CURLOPT_MAIL_FROM, mailFrom) }
        var list: UnsafeMutablePointer<curl_slist>?
        if let recipients {
            for r in recipients { list = curl_slist_append(list, r) }
            try check(ccurl_setopt_slist(handle, CURLOPT_MAIL_RCPT, list), option: CURLOPT_MAIL_RCPT)
        }
        let code = curl_easy_perform(handle)
        if list != nil {
            _ = ccurl_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(list)
        }
        var connects = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        var response = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &response)
        connectionsOpened += connects
        let headerLines = splitLines(context.headerBytes)
        let body = context.body
        context.body = []
        return CurlTransfer(
            code: Int(code.rawValue), body: body, headerLines: headerLines,
            transcript: context.transcript.lines,
            errorText: TranscriptRecorder.scrub(String(cString: errorBuffer), secretWords: secretWords),
            newConnections: connects, responseCode: response)
    }
}

private func milliseconds(_ d: Duration) -> Int {
    let c = d.components
    return Int(c.seconds) * 1000 + Int(c.attoseconds / 1_000_000_000_000_000)
}

/// Splits CRLF/LF-terminated bytes into lines without terminators (lossy UTF-8: server text).
func splitLines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    for i in bytes.indices where bytes[i] == 0x0A {
        var end = i
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        lines.append(String(decoding: bytes[start..<end], as: UTF8.self))
        start = i + 1
    }
    if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
    return lines
}

/// The largest announced size reserved up front (a bigger or bogus one grows as it comes).
private let maximumReservedBody: curl_off_t = 64 << 20

private let curlWriteCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let ctx = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    if ctx.body.isEmpty, let handle = ctx.handle {
        // IMAP FETCH announces the literal's size ({n}); libcurl reports it as the download size.
        var announced: curl_off_t = -1
        if ccurl_getinfo_off_t(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK,
           announced > n, announced <= maximumReservedBody {
            ctx.body.reserveCapacity(Int(announced))
        }
    }
    buffer.withMemoryRebound(to: UInt8.self, capacity: n) { p in
        ctx.body.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }
    return n
}

private let curlHeaderCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let ctx = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
    let n = size * count
    buffer.withMemoryRebound(to: UInt8.self, capacity: n) { p in
        ctx.headerBytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }
    return n
}

private let curlReadCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let ctx = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
    let n = min(size * count, ctx.upload.count - ctx.uploadOffset)
    guard n > 0 else { return 0 }
    ctx.upload.withUnsafeBytes { src in
        guard let base = src.baseAddress else { return }
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + ctx.uploadOffset, byteCount: n)
    }
    ctx.uploadOffset += n
    return n
}

private let curlDebugCallback: ccurl_debug_callback = { _, type, data, size, userdata in
    guard let data, let userdata else { return 0 }
    let ctx = Unmanaged<CurlTransferContext>.fromOpaque(userdata).takeUnretainedValue()
    let direction: TranscriptLine.Direction
    switch type {
    case CURLINFO_HEADER_IN: direction = .server
    case CURLINFO_HEADER_OUT: direction = .client
    case CURLINFO_TEXT: direction = .note
    default: return 0  // message bodies and TLS records are never recorded
    }
    let bytes = data.withMemoryRebound(to: UInt8.self, capacity: size) {
        Array(UnsafeBufferPointer(start: $0, count: size))
    }
    for line in splitLines(bytes) { ctx.transcript.record(direction, line) }
    return 0
}
