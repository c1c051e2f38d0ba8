using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace MixLab.Documents;

/// <summary>
/// Streams documents from a Parquet file with the document columns (DESIGN.md "Data contracts"): <c>text</c>
/// (required), and optionally <c>id</c>, <c>source</c>, <c>metadata</c> (a JSON object as text), <c>license</c> (the
/// licence record as JSON text) and <c>transformations</c> (a JSON array as text). One row group is in memory at a
/// time. A file that cannot be read (not Parquet, no <c>text</c> column, a corrupt row group) gives one reject for the
/// file (line 0, or the first row of the bad row group) and reading goes on with the next input.
/// </summary>
public sealed class ParquetDocumentReader(string path, DocumentReaderOptions? options = null) : IDocumentReader
{
    private readonly DocumentReaderOptions _options = options ?? new DocumentReaderOptions();
    private long _bytesRead;

    /// <inheritdoc />
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <inheritdoc />
    public IEnumerable<ReadItem> Read(CancellationToken cancellationToken = default)
    {
        var file = JsonlDocumentReader.OpenFile(path);
        return ReadFile(file, cancellationToken);
    }

    private IEnumerable<ReadItem> ReadFile(FileStream file, CancellationToken ct)
    {
        long length = file.Length;
        ParquetReader? reader = null;
        string? error = null;
        try
        {
            reader = Sync(ParquetReader.CreateAsync(file, null, leaveStreamOpen: false, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            error = e.Message;
        }
        if (reader is null)
        {
            file.Dispose();
            Interlocked.Exchange(ref _bytesRead, length);
            yield return Reject(0, "unreadable Parquet file: " + error);
            yield break;
        }
        try
        {
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
            if (!fields.TryGetValue("text", out var textField))
            {
                yield return Reject(0, "unreadable Parquet file: no text column");
                yield break;
            }
            long row = 1;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                ct.ThrowIfCancellationRequested();
                Columns? cols = null;
                try
                {
                    cols = ReadGroup(reader, g, fields, textField, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    error = e.Message;
                }
                if (cols is null)
                {
                    yield return Reject(row, $"unreadable Parquet row group {g}: {error}");
                    yield break;
                }
                for (int i = 0; i < cols.Text.Length; i++, row++)
                {
                    var item = MakeDocument(cols, i, row);
                    yield return item;
                }
                Interlocked.Exchange(ref _bytesRead, length * (g + 1) / reader.RowGroupCount);
            }
            Interlocked.Exchange(ref _bytesRead, length);
        }
        finally
        {
            Sync(reader.DisposeAsync());
            file.Dispose();
        }
    }

    private sealed record Columns(string?[] Text, string?[]? Id, string?[]? Source, string?[]? Metadata, string?[]? License, string?[]? Transformations);

    private static Columns ReadGroup(ParquetReader reader, int g, Dictionary<string, DataField> fields, DataField textField, CancellationToken ct)
    {
        using var rg = reader.OpenRowGroupReader(g);
        int n = checked((int)rg.RowCount);
        string?[]? Col(string name)
        {
            if (!fields.TryGetValue(name, out var f) || !IsStringColumn(f)) return null;
            var values = new string?[n];
            Sync(rg.ReadAsync(f, values.AsMemory(), null, ct));
            return values;
        }
        var text = Col("text") ?? throw new InvalidDataException($"text column has type {textField.ClrType.Name}, not string");
        return new Columns(text, Col("id"), Col("source"), Col("metadata"), Col("license"), Col("transformations"));
    }

    private static bool IsStringColumn(DataField f) => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>);

    private ReadItem MakeDocument(Columns c, int i, long row)
    {
        var text = c.Text[i];
        if (text is null) return Reject(row, "missing text");
        if (text.Length > _options.MaxDocumentBytes) // UTF-16 length: a cheap lower bound of the UTF-8 size
            return Reject(row, $"document too long: over {_options.MaxDocumentBytes} bytes (max_document_bytes)", text[..Math.Min(text.Length, _options.RawPreviewBytes)]);
        var doc = new Document(c.Id?[i] ?? Path.GetFileName(path) + ":" + row.ToString(System.Globalization.CultureInfo.InvariantCulture), text)
        {
            Source = c.Source?[i],
            Origin = new DocumentOrigin(path, row),
        };
        try
        {
            var meta = c.Metadata?[i];
            if (!string.IsNullOrEmpty(meta))
            {
                if (JsonNode.Parse(meta) is JsonObject o) doc.Metadata = o;
                else return Reject(row, "metadata is not a JSON object", meta);
            }
            var lic = c.License?[i];
            if (!string.IsNullOrEmpty(lic))
            {
                var record = LicenseRecordJson.Parse(lic);
                if (record is not null) doc.License = record;
                else doc.Metadata["license"] = JsonNode.Parse(lic);
            }
            var tr = c.Transformations?[i];
            if (!string.IsNullOrEmpty(tr) && JsonNode.Parse(tr) is JsonArray arr)
                foreach (var t in arr)
                    if (t is JsonValue v && v.TryGetValue<string>(out var s)) doc.Transformations.Add(s);
        }
        catch (JsonException e)
        {
            return Reject(row, "invalid JSON in a Parquet column: " + e.Message.ReplaceLineEndings(" "));
        }
        return ReadItem.Of(doc);
    }

    private ReadItem Reject(long row, string reason, string? raw = null) => ReadItem.Rejected(new RejectedRecord(path, row, reason, raw));

    private static T Sync<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Sync(Task task) => task.GetAwaiter().GetResult();

    private static void Sync<T>(ValueTask<T> task) => task.AsTask().GetAwaiter().GetResult();

    private static void Sync(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
}
