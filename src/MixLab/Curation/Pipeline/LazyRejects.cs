using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// The rejects file of one input: a <see cref="RejectsWriter"/> (JSON Lines of {file, line, reason, raw}) created only
/// when the first record is rejected, on a temporary file that is renamed into place on <see cref="Complete"/>, so a
/// crashed run leaves no half-written rejects file behind.
/// </summary>
internal sealed class LazyRejects(string path) : IDisposable
{
    private RejectsWriter? _writer;
    private string Temp => path + ".tmp";

    public long Count => _writer?.Count ?? 0;

    public void Write(RejectedRecord r) => (_writer ??= new RejectsWriter(Temp)).Write(r);

    public void Complete()
    {
        if (_writer is null) { if (File.Exists(path)) File.Delete(path); return; }
        _writer.Dispose();
        _writer = null;
        File.Move(Temp, path, overwrite: true);
    }

    public void Dispose()
    {
        if (_writer is null) return;
        _writer.Dispose();
        _writer = null;
        File.Delete(Temp);
    }
}
