using System.Text.Json;

namespace MixLab.Documents;

/// <summary>
/// Writes <see cref="RejectedRecord"/>s as JSON Lines <c>{"file", "line", "reason", "raw"}</c> (issue: bad input is
/// counted and written to a rejects file with file and line, and the run goes on). Records are flushed on dispose.
/// </summary>
public sealed class RejectsWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public RejectsWriter(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        FilePath = path;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The rejects file.</summary>
    public string FilePath { get; }

    /// <summary>Records written so far.</summary>
    public long Count { get; private set; }

    public void Write(RejectedRecord record)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("file"u8, record.File);
        _json.WriteNumber("line"u8, record.Line);
        _json.WriteString("reason"u8, record.Reason);
        if (record.Raw is null) _json.WriteNull("raw"u8); else _json.WriteString("raw"u8, record.Raw);
        _json.WriteEndObject();
        _json.Flush();
        _file.WriteByte((byte)'\n');
        Count++;
    }

    /// <summary>Reads a rejects file back (for tests and reports).</summary>
    public static IEnumerable<RejectedRecord> ReadAll(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            yield return new RejectedRecord(r.GetProperty("file").GetString()!, r.GetProperty("line").GetInt64(),
                r.GetProperty("reason").GetString()!, r.GetProperty("raw").ValueKind == JsonValueKind.Null ? null : r.GetProperty("raw").GetString());
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }
}
