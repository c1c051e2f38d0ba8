using System.Text;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace MixLab.Documents;

/// <summary>
/// Writes documents as Parquet shards with the document columns (DESIGN.md "Data contracts"): <c>id</c>, <c>text</c>,
/// <c>source</c>, <c>metadata</c> (JSON object text), <c>license</c> (licence record JSON text or null) and
/// <c>transformations</c> (JSON array text or null). Zstd compression at <c>CompressionLevel.Optimal</c>
/// (environment notes: the default level writes at 2-3 MB/s); row groups of
/// <see cref="DocumentWriterOptions.RowGroupRows"/> rows (default 100,000) or <see cref="DocumentWriterOptions.RowGroupBytes"/>
/// (default 128 MiB) of text, whichever comes first (curation spec §4, datatrove PR #514). Shard sizes count the
/// UTF-8 bytes of the columns as an estimate of the JSON line size.
/// </summary>
public sealed class ParquetDocumentWriter : ShardedDocumentWriter
{
    private static readonly DataField IdField = new("id", typeof(string), isNullable: true);
    private static readonly DataField TextField = new("text", typeof(string), isNullable: true);
    private static readonly DataField SourceField = new("source", typeof(string), isNullable: true);
    private static readonly DataField MetadataField = new("metadata", typeof(string), isNullable: true);
    private static readonly DataField LicenseField = new("license", typeof(string), isNullable: true);
    private static readonly DataField TransformationsField = new("transformations", typeof(string), isNullable: true);
    private static readonly ParquetSchema Schema = new(IdField, TextField, SourceField, MetadataField, LicenseField, TransformationsField);

    private readonly List<string?> _ids = new(), _texts = new(), _sources = new(), _metadata = new(), _licenses = new(), _transformations = new();
    private long _groupBytes;
    private (string Id, string Text, string? Source, string Metadata, string? License, string? Transformations) _prepared;
    private FileStream? _file;
    private ParquetWriter? _writer;

    public ParquetDocumentWriter(string folder, string prefix, DocumentWriterOptions? options = null)
        : base(folder, prefix, DocumentOutputFormat.Parquet, options)
    {
        if (Options.RowGroupRows <= 0 || Options.RowGroupBytes <= 0) throw new ArgumentException("row group sizes must be positive", nameof(options));
    }

    protected override long Prepare(Document d)
    {
        string metadata = d.Metadata.ToJsonString();
        string? license = null;
        if (d.License is not null)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            using (var w = DocumentJson.CreateWriter(buffer)) LicenseRecordJson.Write(w, d.License);
            license = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        string? transformations = d.Transformations.Count == 0 ? null : new JsonArray(d.Transformations.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()).ToJsonString();
        _prepared = (d.Id, d.Text, d.Source, metadata, license, transformations);
        return 64 + Encoding.UTF8.GetByteCount(d.Text) + Encoding.UTF8.GetByteCount(d.Id) + (d.Source?.Length ?? 0)
            + Encoding.UTF8.GetByteCount(metadata) + (license?.Length ?? 0) + (transformations?.Length ?? 0);
    }

    protected override void WritePrepared()
    {
        var p = _prepared;
        _ids.Add(p.Id);
        _texts.Add(p.Text);
        _sources.Add(p.Source);
        _metadata.Add(p.Metadata);
        _licenses.Add(p.License);
        _transformations.Add(p.Transformations);
        _groupBytes += 2L * p.Text.Length;
        if (_ids.Count >= Options.RowGroupRows || _groupBytes >= Options.RowGroupBytes) FlushGroup();
    }

    protected override void OpenShard(string tempPath)
    {
        _file = new FileStream(tempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Zstd,
            CompressionLevel = System.IO.Compression.CompressionLevel.Optimal,
        };
        _writer = ParquetWriter.CreateAsync(Schema, _file, options).GetAwaiter().GetResult();
    }

    protected override void CloseShard()
    {
        try
        {
            if (_ids.Count > 0) FlushGroup();
            _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            _file?.Dispose();
            _writer = null;
            _file = null;
            ClearGroup();
        }
    }

    private void FlushGroup()
    {
        using (var rg = _writer!.CreateRowGroup())
        {
            rg.WriteAsync(IdField, _ids).GetAwaiter().GetResult();
            rg.WriteAsync(TextField, _texts).GetAwaiter().GetResult();
            rg.WriteAsync(SourceField, _sources).GetAwaiter().GetResult();
            rg.WriteAsync(MetadataField, _metadata).GetAwaiter().GetResult();
            rg.WriteAsync(LicenseField, _licenses).GetAwaiter().GetResult();
            rg.WriteAsync(TransformationsField, _transformations).GetAwaiter().GetResult();
        }
        ClearGroup();
    }

    private void ClearGroup()
    {
        _ids.Clear();
        _texts.Clear();
        _sources.Clear();
        _metadata.Clear();
        _licenses.Clear();
        _transformations.Clear();
        _groupBytes = 0;
    }
}
