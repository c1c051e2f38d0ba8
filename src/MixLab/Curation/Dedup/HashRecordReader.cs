using System.Buffers.Binary;

namespace MixLab.Curation.Dedup;

/// <summary>
/// Reads a hash-record file written by <see cref="HashRecordWriter"/>; a wrong magic, version or record size, or a
/// length that does not match the count, is an <see cref="InvalidDataException"/> naming the file.
/// </summary>
public static class HashRecordReader
{
    /// <summary>Number of records in the file, from its validated header.</summary>
    public static long ReadCount(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadHeader(fs, path);
    }

    /// <summary>Streams the records of the file in file order.</summary>
    public static IEnumerable<HashRecord> Read(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long count = ReadHeader(fs, path);
        var buf = new byte[HashRecordFormat.RecordSize];
        for (long i = 0; i < count; i++)
        {
            fs.ReadExactly(buf);
            yield return new HashRecord(
                BinaryPrimitives.ReadUInt64LittleEndian(buf),
                BinaryPrimitives.ReadInt32LittleEndian(buf.AsSpan(8)),
                BinaryPrimitives.ReadInt64LittleEndian(buf.AsSpan(12)));
        }
    }

    private static long ReadHeader(FileStream fs, string path)
    {
        Span<byte> header = stackalloc byte[HashRecordFormat.HeaderSize];
        if (fs.Length < HashRecordFormat.HeaderSize)
            throw new InvalidDataException($"{path}: not a hash-record file (shorter than its header)");
        fs.ReadExactly(header);
        if (!header[..8].SequenceEqual(HashRecordFormat.Magic))
            throw new InvalidDataException($"{path}: not a hash-record file (bad magic)");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (version != HashRecordFormat.Version || size != HashRecordFormat.RecordSize)
            throw new InvalidDataException($"{path}: unsupported hash-record format version {version}, record size {size}");
        ulong count = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        if ((ulong)(fs.Length - HashRecordFormat.HeaderSize) != count * HashRecordFormat.RecordSize)
            throw new InvalidDataException($"{path}: truncated or unfinished hash-record file ({count} records announced, {fs.Length} bytes)");
        return (long)count;
    }
}
