using System.IO.Compression;
using System.Text;
using MixLab.Documents;

namespace MixLab.Tests.Documents;

public sealed class JsonlReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (List<Document> Docs, List<RejectedRecord> Rejects) ReadAll(IDocumentReader reader)
    {
        var docs = new List<Document>();
        var rejects = new List<RejectedRecord>();
        foreach (var item in reader.Read())
        {
            Assert.True((item.Document is null) != (item.Reject is null));
            if (item.Document is not null) docs.Add(item.Document); else rejects.Add(item.Reject!);
        }
        return (docs, rejects);
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Line(int i, int textLength = 40) =>
        $"{{\"id\":\"d{i}\",\"text\":\"{new string((char)('a' + i % 26), textLength)} {i}\"}}\n";

    private static byte[] ManyLines(int count, int textLength = 40)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.Append(Line(i, textLength));
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public void BadLines_AreRejectedWithTheirLineNumbers_AndLaterRecordsAreStillRead()
    {
        var bytes = new List<byte>();
        bytes.AddRange([0xEF, 0xBB, 0xBF]); // a BOM before the first line is ignored
        bytes.AddRange("{\"id\":\"a\",\"text\":\"one\"}\n"u8.ToArray());      // 1
        bytes.AddRange("{\"id\":\"b\",\"text\":\"two\"\n"u8.ToArray());        // 2 invalid JSON
        bytes.AddRange("{\"id\":\"c\",\"text\":\"t"u8.ToArray());              // 3 invalid UTF-8
        bytes.AddRange(new byte[] { 0xFF, 0xFE });
        bytes.AddRange("\"}\n"u8.ToArray());
        bytes.AddRange("{\"id\":\"d\"}\n"u8.ToArray());                         // 4 missing text
        bytes.AddRange("{\"id\":\"e\",\"text\":[\"x\"]}\n"u8.ToArray());        // 5 text not a string
        bytes.AddRange("\n"u8.ToArray());                                      // 6 blank: skipped
        bytes.AddRange("{\"id\":\"f\",\"text\":\"six\"}\r\n"u8.ToArray());     // 7 CRLF
        bytes.AddRange("{\"text\":\"last, no newline\"}"u8.ToArray());         // 8
        var path = WriteBytes("mixed.jsonl", bytes.ToArray());

        var (docs, rejects) = ReadAll(new JsonlDocumentReader(path));

        Assert.Equal(["a", "f", "mixed.jsonl:8"], docs.Select(d => d.Id));
        Assert.Equal(["one", "six", "last, no newline"], docs.Select(d => d.Text));
        Assert.Equal([1L, 7L, 8L], docs.Select(d => d.Origin!.Line));
        Assert.Equal([2L, 3L, 4L, 5L], rejects.Select(r => r.Line));
        Assert.StartsWith("invalid JSON", rejects[0].Reason);
        Assert.Equal("invalid UTF-8", rejects[1].Reason);
        Assert.Equal("missing text", rejects[2].Reason);
        Assert.Equal("text is not a string", rejects[3].Reason);
        Assert.All(rejects, r => Assert.Equal(path, r.File));
        Assert.Equal("{\"id\":\"b\",\"text\":\"two\"", rejects[0].Raw);
    }

    [Fact]
    public void LineOverTheLimit_IsSkippedWhileStreaming_AndRejected_WithBoundedBuffer()
    {
        const int limit = 1 << 20;
        var big = "{\"id\":\"big\",\"text\":\"" + new string('x', 3 << 20) + "\"}\n";
        var text = Line(1) + big + Line(3) + big.TrimEnd('\n'); // the last over-long line has no newline
        var path = WriteBytes("big.jsonl", Encoding.UTF8.GetBytes(text));
        var reader = new JsonlDocumentReader(path, new DocumentReaderOptions { MaxDocumentBytes = limit });

        var (docs, rejects) = ReadAll(reader);

        Assert.Equal(["d1", "d3"], docs.Select(d => d.Id));
        Assert.Equal([2L, 4L], rejects.Select(r => r.Line));
        Assert.All(rejects, r => Assert.StartsWith("document too long", r.Reason));
        Assert.Contains($"{big.Length} bytes", rejects[0].Reason);       // counted with its newline
        Assert.Contains($"{big.Length - 1} bytes", rejects[1].Reason);
        Assert.All(rejects, r => Assert.Equal(big[..1024], r.Raw));       // the first 1 KiB (ASCII here)
        Assert.True(reader.MaxBufferBytes <= limit, $"buffer {reader.MaxBufferBytes} > limit");
        Assert.True(reader.MaxBufferBytes > 0);
        Assert.Equal(new FileInfo(path).Length, reader.BytesRead);
    }

    [Fact]
    public void LongLineUnderTheLimit_GrowsTheBuffer_AndIsRead()
    {
        var text = new string('y', 700_000) + "é";
        var line = DocumentJson.ToJson(new Document("long", text)) + "\n";
        var path = WriteBytes("long.jsonl", Encoding.UTF8.GetBytes(Line(0) + line + Line(2)));
        var reader = new JsonlDocumentReader(path);
        var (docs, rejects) = ReadAll(reader);
        Assert.Empty(rejects);
        Assert.Equal(["d0", "long", "d2"], docs.Select(d => d.Id));
        Assert.Equal(text, docs[1].Text);
        Assert.True(reader.MaxBufferBytes >= line.Length);
    }

    [Fact]
    public void ManyRecordsAcrossBufferRefills_AreAllReadInOrder()
    {
        var path = WriteBytes("many.jsonl", ManyLines(5000, 100));
        var (docs, rejects) = ReadAll(new JsonlDocumentReader(path));
        Assert.Empty(rejects);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => "d" + i), docs.Select(d => d.Id));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i + 1), docs.Select(d => d.Origin!.Line));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Zstd(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var z = JsonlDocumentWriter.ZstdWithChecksum(ms, 3)) z.Write(data);
        return ms.ToArray();
    }

    [Theory]
    [InlineData("x.jsonl.gz")]
    [InlineData("x.jsonl.zst")]
    public void CompressedFiles_ReadLikePlain_AndBytesReadIsTheCompressedSize(string name)
    {
        var plain = ManyLines(3000, 200);
        var compressed = name.EndsWith(".gz") ? Gzip(plain) : Zstd(plain);
        var path = WriteBytes(name, compressed);
        var reader = new JsonlDocumentReader(path);
        var (docs, rejects) = ReadAll(reader);
        Assert.Empty(rejects);
        Assert.Equal(3000, docs.Count);
        Assert.Equal("d2999", docs[^1].Id);
        Assert.Equal(compressed.Length, reader.BytesRead);
    }

    [Theory]
    [InlineData("cut.jsonl.gz", "gzip")]
    [InlineData("cut.jsonl.zst", "zstd")]
    public void TruncatedCompressedFile_KeepsRecordsBeforeTheCut_AndGivesOneReject(string name, string format)
    {
        var plain = ManyLines(20_000, 300);
        var compressed = name.EndsWith(".gz") ? Gzip(plain) : Zstd(plain);
        var path = WriteBytes(name, compressed[..(compressed.Length * 6 / 10)]);

        var (docs, rejects) = ReadAll(new JsonlDocumentReader(path));

        Assert.InRange(docs.Count, 1, 19_999);
        Assert.Equal(Enumerable.Range(0, docs.Count).Select(i => "d" + i), docs.Select(d => d.Id));
        var reject = Assert.Single(rejects);
        Assert.StartsWith($"truncated {format} stream after line {docs.Count}", reject.Reason);
        Assert.Equal(docs.Count + 1, reject.Line);
    }

    [Fact]
    public void CorruptZstdStream_EndsTheFileWithAStreamReject_WithoutThrowing()
    {
        var compressed = Zstd(ManyLines(20_000, 300));
        var half = compressed.Length / 2;
        for (int i = half; i < half + 64; i++) compressed[i] ^= 0x5A;
        var path = WriteBytes("bad.jsonl.zst", compressed);

        var items = new JsonlDocumentReader(path).Read().ToList();

        // Garbage decoded before the frame checksum fails comes out as rejected lines; the stream error is last.
        var last = items[^1].Reject;
        Assert.NotNull(last);
        Assert.Contains("zstd stream after line", last!.Reason);
        Assert.Single(items, i => i.Reject is { } r && r.Reason.Contains("stream after line"));
        var docs = items.Where(i => i.Document is not null).Select(i => i.Document!.Id).ToList();
        Assert.InRange(docs.Count, 1, 19_999);
        Assert.Equal("d0", docs[0]);
    }

    [Fact]
    public void MissingFile_ThrowsInputNotFound()
    {
        var path = Path.Combine(_dir.Path, "nope.jsonl");
        var e = Assert.Throws<DocumentInputException>(() => new JsonlDocumentReader(path).Read().ToList());
        Assert.Equal("input not found: " + path, e.Message);
    }

    [Fact]
    public void Cancellation_StopsReading()
    {
        var path = WriteBytes("c.jsonl", ManyLines(50_000, 100));
        using var cts = new CancellationTokenSource();
        int n = 0;
        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (var _ in new JsonlDocumentReader(path).Read(cts.Token))
                if (++n == 10) cts.Cancel();
        });
        Assert.InRange(n, 10, 49_999);
    }
}
