namespace MixLab.Curation.Dedup;

/// <summary>
/// Layout of a hash-record file (little-endian): 8-byte magic "MXLBHASH", u32 format version (1), u32 record size
/// (20), u64 record count, then records of u64 hash, i32 file index, i64 line. Written by
/// <see cref="HashRecordWriter"/>, read by <see cref="HashRecordReader"/>.
/// </summary>
public static class HashRecordFormat
{
    public static ReadOnlySpan<byte> Magic => "MXLBHASH"u8;

    public const uint Version = 1;

    public const int RecordSize = 20;

    public const int HeaderSize = 24;
}
