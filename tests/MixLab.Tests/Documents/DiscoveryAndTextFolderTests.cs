using System.Text;
using MixLab.Documents;

namespace MixLab.Tests.Documents;

public sealed class DiscoveryAndTextFolderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Put(string relative, string content)
    {
        var path = Path.Combine(_dir.Path, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Folder_ExpandsRecursively_InOrdinalPathOrder_KeepingTheGivenPathOrder()
    {
        Put("data/b/x.jsonl.zst", "");
        Put("data/a.parquet", "");
        Put("data/B.jsonl", "");
        Put("data/a/z.jsonl.gz", "");
        Put("data/notes.txt", "ignored: not a data file");
        var single = Put("single.jsonl", "");

        var inputs = InputDiscovery.Expand([Path.Combine(_dir.Path, "data"), single, Path.Combine(_dir.Path, "data", "B.jsonl")]);

        var root = Path.Combine(_dir.Path, "data");
        Assert.Equal(
            // ordinal: 'B' < 'a', and '.' (0x2E) < '/' (0x2F); the second B.jsonl is a duplicate and is read once
            [Path.Combine(root, "B.jsonl"), Path.Combine(root, "a.parquet"), Path.Combine(root, "a", "z.jsonl.gz"), Path.Combine(root, "b", "x.jsonl.zst"), single],
            inputs.Select(i => i.Path));
        Assert.Equal(
            [DocumentInputKind.Jsonl, DocumentInputKind.Parquet, DocumentInputKind.JsonlGzip, DocumentInputKind.JsonlZstd, DocumentInputKind.Jsonl],
            inputs.Select(i => i.Kind));
    }

    [Fact]
    public void MissingPath_Throws_InputNotFound()
    {
        var missing = Path.Combine(_dir.Path, "nope");
        var e = Assert.Throws<DocumentInputException>(() => InputDiscovery.Expand([missing]));
        Assert.Equal("input not found: " + missing, e.Message);
    }

    [Fact]
    public void UnsupportedFile_AndEmptyFolder_AreClearErrors()
    {
        var exe = Put("tool.bin", "x");
        Assert.Contains("unsupported input file type", Assert.Throws<DocumentInputException>(() => InputDiscovery.Expand([exe])).Message);
        var empty = Path.Combine(_dir.Path, "empty");
        Directory.CreateDirectory(empty);
        Assert.Contains("no input files", Assert.Throws<DocumentInputException>(() => InputDiscovery.Expand([empty])).Message);
    }

    [Fact]
    public void FolderWithSidecar_IsOneTextFolderInput()
    {
        Put("docs/license.json", "{\"spdx\":\"PSF-2.0\"}");
        Put("docs/a.jsonl", "{\"text\":\"a jsonl file inside a text folder is just text\"}");
        var input = Assert.Single(InputDiscovery.Expand([Path.Combine(_dir.Path, "docs")]));
        Assert.Equal(DocumentInputKind.TextFolder, input.Kind);
        Assert.IsType<TextFolderReader>(DocumentReaders.Open(input));
    }

    [Fact]
    public void TextFolder_SidecarFieldsGoIntoMetadata_PerFileSidecarOverrides_IdIsRelativePath()
    {
        Put("py/license.json", "{\"spdx\":\"PSF-2.0\",\"source\":\"debian/python3.11-doc\",\"url\":\"https://docs.python.org/3.11/\"}");
        Put("py/tutorial/intro.rst", "Python tutorial ☃\n");
        Put("py/howto/sorting.md", "# Sorting\n");
        Put("py/howto/sorting.md.license.json", "{\"spdx\":\"CC0-1.0\",\"author\":\"someone\"}");
        Put("py/sub/license.json", "{\"url\":\"https://example.org/sub\"}");
        Put("py/sub/z.txt", "sub text");
        Put("py/.hidden.txt", "hidden");
        var reader = new TextFolderReader(Path.Combine(_dir.Path, "py"));

        var docs = reader.Read().Select(i => i.Document!).ToList();

        Assert.Equal(["howto/sorting.md", "sub/z.txt", "tutorial/intro.rst"], docs.Select(d => d.Id));
        var sorting = docs[0];
        Assert.Equal("# Sorting\n", sorting.Text);
        Assert.Equal("debian/python3.11-doc", sorting.Source);
        Assert.Equal("CC0-1.0", (string?)sorting.Metadata["license"]);
        Assert.Equal("someone", (string?)sorting.Metadata["author"]);
        Assert.Equal("https://docs.python.org/3.11/", (string?)sorting.Metadata["url"]);
        Assert.Equal("https://example.org/sub", (string?)docs[1].Metadata["url"]);
        Assert.Equal("PSF-2.0", (string?)docs[1].Metadata["license"]);
        Assert.Equal("Python tutorial ☃\n", docs[2].Text);
        Assert.Equal("PSF-2.0", (string?)docs[2].Metadata["license"]);
        Assert.Null(docs[2].License); // the licensing step decides; the reader only carries the evidence
        long expectedBytes = new[] { "# Sorting\n", "sub text", "Python tutorial ☃\n" }.Sum(s => Encoding.UTF8.GetByteCount(s));
        Assert.Equal(expectedBytes, reader.BytesRead);
    }

    [Fact]
    public void TextFolder_BadFilesAreRejected_AndReadingGoesOn()
    {
        Put("t/license.json", "{\"spdx\":\"MIT\"}");
        Put("t/a.txt", "fine");
        File.WriteAllBytes(Path.Combine(_dir.Path, "t", "b.bin"), [0x41, 0xFF, 0xFE, 0x42]);
        File.WriteAllBytes(Path.Combine(_dir.Path, "t", "c.dat"), [0x41, 0x00, 0x42]);
        Put("t/d.txt", new string('x', 5000));
        Put("t/e.txt", "bad sidecar");
        Put("t/e.txt.license.json", "{not json");
        Put("t/f.txt", "also fine");
        var reader = new TextFolderReader(Path.Combine(_dir.Path, "t"), new DocumentReaderOptions { MaxDocumentBytes = 4096 });

        var items = reader.Read().ToList();

        Assert.Equal(["a.txt", "f.txt"], items.Where(i => i.Document is not null).Select(i => i.Document!.Id));
        var rejects = items.Where(i => i.Reject is not null).Select(i => i.Reject!).ToList();
        Assert.Equal(["b.bin", "c.dat", "d.txt", "e.txt"], rejects.Select(r => Path.GetFileName(r.File)));
        Assert.Equal("invalid UTF-8", rejects[0].Reason);
        Assert.StartsWith("not a text file", rejects[1].Reason);
        Assert.StartsWith("document too long", rejects[2].Reason);
        Assert.Equal(1024, rejects[2].Raw!.Length);
        Assert.StartsWith("bad licence sidecar", rejects[3].Reason);
    }

    [Fact]
    public void MissingTextFolder_Throws()
    {
        var missing = Path.Combine(_dir.Path, "gone");
        var e = Assert.Throws<DocumentInputException>(() => new TextFolderReader(missing).Read().ToList());
        Assert.Equal("input not found: " + missing, e.Message);
    }
}
