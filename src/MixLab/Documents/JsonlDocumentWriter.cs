using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using ZstdSharp;

namespace MixLab.Documents;

/// <summary>
/// Writes documents as JSON Lines shards, plain, gzip or zstd (level <see cref="DocumentWriterOptions.ZstdLevel"/>,
/// default 3), one <see cref="DocumentJson"/> line each (DESIGN.md "Data contracts"). Sharding and temp+rename as in
/// <see cref="ShardedDocumentWriter"/>.
/// </summary>
public sealed class JsonlDocumentWriter : ShardedDocumentWriter
{
    private readonly DocumentOutputFormat _format;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private FileStream? _file;
    private Stream? _stream;

    public JsonlDocumentWriter(string folder, string prefix, DocumentOutputFormat format = DocumentOutputFormat.JsonlZstd, DocumentWriterOptions? options = null)
        : base(folder, prefix, format, options)
    {
        if (format == DocumentOutputFormat.Parquet) throw new ArgumentException("use ParquetDocumentWriter for Parquet", nameof(format));
        _format = format;
        _json = DocumentJson.CreateWriter(_buffer);
    }

    protected override long Prepare(Document document)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        DocumentJson.Write(_json, document);
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        return _buffer.WrittenCount;
    }

    protected override void WritePrepared() => _stream!.Write(_buffer.WrittenSpan);

    protected override void OpenShard(string tempPath)
    {
        _file = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _stream = _format switch
        {
            DocumentOutputFormat.JsonlZstd => ZstdWithChecksum(_file, Options.ZstdLevel),
            DocumentOutputFormat.JsonlGzip => new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: false),
            _ => _file,
        };
    }

    /// <summary>A zstd stream with the frame checksum on (as the zstd command writes), so that readers detect corruption.</summary>
    internal static CompressionStream ZstdWithChecksum(Stream output, int level)
    {
        var z = new CompressionStream(output, level, leaveOpen: false);
        z.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        return z;
    }

    protected override void CloseShard()
    {
        try
        {
            _stream?.Dispose();
        }
        finally
        {
            _file?.Dispose();
            _stream = null;
            _file = null;
        }
    }
}
