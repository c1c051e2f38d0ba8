using System.Buffers.Binary;

namespace MixLab.Curation.Dedup;

/// <summary>
/// Writes one task's <see cref="HashRecord"/>s to a binary file (<see cref="HashRecordFormat"/>) crash-safely: records
/// go to "&lt;path&gt;.tmp", <see cref="Complete"/> fills in the count and renames; disposing without completing
/// deletes the temporary file.
/// </summary>
public sealed class HashRecordWriter : IDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private FileStream? _stream;
    private readonly byte[] _record = new byte[HashRecordFormat.RecordSize];

    public HashRecordWriter(string path)
    {
        _path = path;
        _tempPath = path + ".tmp";
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        Span<byte> header = stackalloc byte[HashRecordFormat.HeaderSize];
        WriteHeader(header, 0);
        _stream.Write(header);
    }

    /// <summary>Records written so far.</summary>
    public long Count { get; private set; }

    public void Write(HashRecord record)
    {
        var s = _stream ?? throw new ObjectDisposedException(nameof(HashRecordWriter));
        BinaryPrimitives.WriteUInt64LittleEndian(_record, record.Hash);
        BinaryPrimitives.WriteInt32LittleEndian(_record.AsSpan(8), record.FileIndex);
        BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(12), record.Line);
        s.Write(_record);
        Count++;
    }

    /// <summary>Writes the count into the header, flushes to disk and renames the file into place.</summary>
    public void Complete()
    {
        var s = _stream ?? throw new ObjectDisposedException(nameof(HashRecordWriter));
        Span<byte> header = stackalloc byte[HashRecordFormat.HeaderSize];
        WriteHeader(header, Count);
        s.Position = 0;
        s.Write(header);
        s.Flush(flushToDisk: true);
        s.Dispose();
        _stream = null;
        File.Move(_tempPath, _path, overwrite: true);
    }

    public void Dispose()
    {
        if (_stream is null) return;
        _stream.Dispose();
        _stream = null;
        File.Delete(_tempPath);
    }

    private static void WriteHeader(Span<byte> header, long count)
    {
        HashRecordFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], HashRecordFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], HashRecordFormat.RecordSize);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], (ulong)count);
    }
}
