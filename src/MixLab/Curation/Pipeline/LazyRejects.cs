using System.Text.Encodings.Web;
using System.Text.Json;
using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// The rejects file of one input: JSON Lines of {file, line, reason, raw}, created only when the first record is
/// rejected, written to a temporary file and renamed into place on <see cref="Complete"/> (a crashed run leaves no
/// half-written rejects file behind).
/// </summary>
internal sealed class LazyRejects(string path) : IDisposable
{
    private FileStream? _stream;
    private Utf8JsonWriter? _json;
    private string Temp => path + ".tmp";

    public long Count { get; private set; }

    public void Write(RejectedRecord r)
    {
        if (_stream is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _stream = new FileStream(Temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        _json!.WriteStartObject();
        _json.WriteString("file", r.File);
        _json.WriteNumber("line", r.Line);
        _json.WriteString("reason", r.Reason);
        if (r.Raw is null) _json.WriteNull("raw"); else _json.WriteString("raw", r.Raw);
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _stream.WriteByte((byte)'\n');
        Count++;
    }

    public void Complete()
    {
        if (_stream is null) { if (File.Exists(path)) File.Delete(path); return; }
        _json!.Dispose();
        _stream.Dispose();
        _stream = null;
        File.Move(Temp, path, overwrite: true);
    }

    public void Dispose()
    {
        if (_stream is null) return;
        _json?.Dispose();
        _stream.Dispose();
        _stream = null;
        File.Delete(Temp);
    }
}
