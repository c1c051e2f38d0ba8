using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.Compression;
using System.Text;
using ZstdSharp;

namespace MixLab.Documents;

/// <summary>
/// Streams documents from a JSON Lines file, plain, <c>.jsonl.gz</c> or <c>.jsonl.zst</c> (DESIGN.md "Data contracts";
/// curation spec §0.1 item 6 and §4: bounded memory per document). Lines are split in one growing buffer (pooled
/// while small) that never exceeds <see cref="DocumentReaderOptions.MaxDocumentBytes"/>: a longer line is skipped
/// while streaming and rejected with its line number and first bytes. Invalid UTF-8, invalid JSON and a missing or
/// non-string <c>text</c> are rejects; a truncated or corrupt compressed stream gives one reject and ends the file.
/// Blank lines are skipped. .NET's gzip decoder ends quietly at a
/// cut, so a gzip file whose data ends inside a record and whose trailer (CRC-32, size) does not match is reported as
/// truncated; a cut that falls exactly between records of a multi-member gzip file cannot be told apart from its end. Only a missing or unopenable file throws.
/// </summary>
public sealed class JsonlDocumentReader : IDocumentReader
{
    private const int InitialBufferBytes = 64 << 10;
    private const int PoolLimitBytes = 1 << 20;

    private readonly string _path;
    private readonly DocumentInputKind _kind;
    private readonly DocumentReaderOptions _options;
    private long _bytesRead;

    public JsonlDocumentReader(string path, DocumentInputKind kind, DocumentReaderOptions? options = null)
    {
        if (kind is not (DocumentInputKind.Jsonl or DocumentInputKind.JsonlGzip or DocumentInputKind.JsonlZstd))
            throw new ArgumentException($"not a JSON Lines kind: {kind}", nameof(kind));
        _path = path;
        _kind = kind;
        _options = options ?? new DocumentReaderOptions();
        if (_options.MaxDocumentBytes < 16) throw new ArgumentException("max_document_bytes must be at least 16", nameof(options));
    }

    /// <summary>Opens <paramref name="path"/>, choosing plain, gzip or zstd by its extension.</summary>
    public JsonlDocumentReader(string path, DocumentReaderOptions? options = null)
        : this(path, InputDiscovery.KindOfFile(path) ?? DocumentInputKind.Jsonl, options)
    {
    }

    /// <inheritdoc />
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Length of the largest line buffer this reader has used (never above <see cref="DocumentReaderOptions.MaxDocumentBytes"/>).</summary>
    public int MaxBufferBytes { get; private set; }

    /// <inheritdoc />
    public IEnumerable<ReadItem> Read(CancellationToken cancellationToken = default)
    {
        var file = OpenFile(_path);
        Stream stream = _kind switch
        {
            DocumentInputKind.JsonlGzip => new GZipStream(file, CompressionMode.Decompress, leaveOpen: false),
            DocumentInputKind.JsonlZstd => new DecompressionStream(file, leaveOpen: false),
            _ => file,
        };
        return ReadLines(file, stream, cancellationToken);
    }

    internal static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DocumentInputException("input not found: " + path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DocumentInputException($"cannot open input {path}: {e.Message}");
        }
    }

    private IEnumerable<ReadItem> ReadLines(FileStream file, Stream stream, CancellationToken ct)
    {
        int cap = _options.MaxDocumentBytes;
        byte[] buf = Rent(Math.Min(InitialBufferBytes, cap), out bool pooled);
        int start = 0, end = 0, scan = 0;
        long line = 1;
        bool eof = false, skipping = false;
        long skipped = 0;
        string? preview = null, streamError = null;
        // .NET's GZipStream ends silently at a truncated input: check the trailer (CRC-32 and size) at the end.
        var gzipCrc = _kind == DocumentInputKind.JsonlGzip ? new Crc32() : null;
        long gzipLength = 0;
        try
        {
            while (true)
            {
                if (!skipping)
                {
                    int nl = buf.AsSpan(scan, end - scan).IndexOf((byte)'\n');
                    if (nl >= 0)
                    {
                        int lineEnd = scan + nl;
                        var item = Process(buf.AsSpan(start, lineEnd - start), line);
                        start = scan = lineEnd + 1;
                        line++;
                        if (item is ReadItem it) yield return it;
                        continue;
                    }
                    scan = end;
                }
                else
                {
                    int nl = buf.AsSpan(0, end).IndexOf((byte)'\n');
                    if (nl >= 0)
                    {
                        skipped += nl + 1;
                        yield return TooLong(line, skipped, preview);
                        skipping = false;
                        line++;
                        start = scan = nl + 1;
                        continue;
                    }
                    skipped += end;
                    start = scan = end = 0;
                }

                if (eof)
                {
                    if (streamError is null && gzipCrc is not null && !GzipTrailerMatches(file, gzipCrc, gzipLength)
                        && (skipping || end > start))
                        streamError = "the stream ends inside a record and its gzip trailer does not match";
                    if (streamError is not null)
                    {
                        string? raw = skipping ? preview : end > start ? Preview(buf.AsSpan(start, end - start)) : null;
                        yield return Reject(line, $"truncated {FormatName} stream after line {line - 1} ({streamError})", raw);
                    }
                    else if (skipping) yield return TooLong(line, skipped, preview);
                    else if (end > start && Process(buf.AsSpan(start, end - start), line) is ReadItem last) yield return last;
                    yield break;
                }

                ct.ThrowIfCancellationRequested();
                if (!skipping && start > 0)
                {
                    Buffer.BlockCopy(buf, start, buf, 0, end - start);
                    end -= start;
                    scan -= start;
                    start = 0;
                }
                if (!skipping && end == buf.Length)
                {
                    if (buf.Length >= cap)
                    {
                        // The line (with its newline) is longer than the limit: keep its first bytes and skip the rest.
                        preview = Preview(buf.AsSpan(0, end));
                        skipping = true;
                        skipped = end;
                        start = scan = end = 0;
                    }
                    else
                    {
                        var bigger = Rent((int)Math.Min((long)buf.Length * 2, cap), out bool biggerPooled);
                        Buffer.BlockCopy(buf, 0, bigger, 0, end);
                        Return(buf, pooled);
                        buf = bigger;
                        pooled = biggerPooled;
                    }
                }
                int n = Fill(stream, buf, end, ref streamError);
                if (n == 0) eof = true;
                else
                {
                    gzipCrc?.Append(buf.AsSpan(end, n));
                    gzipLength += n;
                    end += n;
                }
                Interlocked.Exchange(ref _bytesRead, SafePosition(file));
            }
        }
        finally
        {
            Return(buf, pooled);
            stream.Dispose();
            file.Dispose();
        }
    }

    private string FormatName => _kind switch
    {
        DocumentInputKind.JsonlGzip => "gzip",
        DocumentInputKind.JsonlZstd => "zstd",
        _ => "JSONL",
    };

    private ReadItem? Process(ReadOnlySpan<byte> bytes, long line)
    {
        if (line == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        if (bytes.Trim(" \t\r"u8).IsEmpty) return null;
        if (DocumentJson.TryParse(bytes, _path, line, out var doc, out var reason)) return ReadItem.Of(doc!);
        return Reject(line, reason!, Preview(bytes));
    }

    private ReadItem TooLong(long line, long bytes, string? preview) =>
        Reject(line, $"document too long: {bytes} bytes, limit {_options.MaxDocumentBytes} (max_document_bytes)", preview);

    private ReadItem Reject(long line, string reason, string? raw) => ReadItem.Rejected(new RejectedRecord(_path, line, reason, raw));

    private string Preview(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, _options.RawPreviewBytes)]);

    private static int Fill(Stream stream, byte[] buf, int offset, ref string? error)
    {
        try
        {
            return stream.Read(buf, offset, buf.Length - offset);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            error = e.Message.ReplaceLineEndings(" ");
            return 0;
        }
    }

    /// <summary>True when the last 8 bytes of the file are the gzip trailer of all the data read (one-member files;
    /// for a multi-member file it is false, which only matters when the data also ends inside a record).</summary>
    private static bool GzipTrailerMatches(FileStream file, Crc32 crc, long length)
    {
        try
        {
            if (file.Length < 18) return false;
            Span<byte> trailer = stackalloc byte[8];
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(trailer);
            return BinaryPrimitives.ReadUInt32LittleEndian(trailer) == crc.GetCurrentHashAsUInt32()
                && BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)length;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static long SafePosition(FileStream file)
    {
        try { return file.Position; } catch (ObjectDisposedException) { return 0; }
    }

    private byte[] Rent(int size, out bool pooled)
    {
        pooled = size <= PoolLimitBytes && (size & (size - 1)) == 0;
        var array = pooled ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        if (array.Length > MaxBufferBytes) MaxBufferBytes = array.Length;
        return array;
    }

    private static void Return(byte[] array, bool pooled)
    {
        if (pooled) ArrayPool<byte>.Shared.Return(array);
    }
}
