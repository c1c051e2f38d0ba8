using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace MixLab.Documents;

/// <summary>
/// Reads a folder of UTF-8 text files (<c>*.txt</c>, <c>*.md</c>, <c>*.rst</c>, any UTF-8 text) as one document per
/// file, with a licence sidecar (issue: readers; DESIGN.md "Data contracts"). Sidecar format:
/// <list type="bullet">
/// <item><c>license.json</c> in the folder (or any subfolder): a JSON object such as
/// <c>{"spdx": "PSF-2.0", "source": "debian/python3.11-doc", "url": "https://..."}</c> that applies to every file
/// below it; a subfolder's <c>license.json</c> overrides its parent's field by field.</item>
/// <item><c>&lt;file name&gt;.license.json</c> beside a file (e.g. <c>intro.txt.license.json</c>) overrides the
/// folder sidecars for that file, field by field.</item>
/// </list>
/// The merged sidecar goes into the document: <c>source</c> becomes <see cref="Document.Source"/> (default: the folder
/// name), <c>spdx</c> becomes <c>metadata.license</c> (the SPDX string a later licensing step reads as metadata
/// evidence), every other field is copied into metadata as is (<c>metadata.url</c>, ...). The id is the path relative
/// to the folder with '/' separators. Files are read in ordinal order of that path; hidden files and sidecars are not
/// documents. A file over <see cref="DocumentReaderOptions.MaxDocumentBytes"/>, with invalid UTF-8 or with NUL bytes is
/// rejected (line 0) and reading goes on; a sidecar that is not a JSON object rejects the files it applies to.
/// </summary>
public sealed class TextFolderReader(string folder, DocumentReaderOptions? options = null) : IDocumentReader
{
    /// <summary>Name of the folder-level licence sidecar.</summary>
    public const string FolderSidecarName = "license.json";

    /// <summary>Suffix of a per-file licence sidecar: <c>&lt;file name&gt;.license.json</c>.</summary>
    public const string FileSidecarSuffix = ".license.json";

    private readonly DocumentReaderOptions _options = options ?? new DocumentReaderOptions();
    private readonly Dictionary<string, (JsonObject? Fields, string? Error)> _folderSidecars = new(StringComparer.Ordinal);
    private long _bytesRead;

    /// <inheritdoc />
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>True when <paramref name="name"/> is a sidecar file name (folder or per-file), not a document.</summary>
    public static bool IsSidecar(string name) =>
        name.Equals(FolderSidecarName, StringComparison.OrdinalIgnoreCase) || name.EndsWith(FileSidecarSuffix, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ReadItem> Read(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder)) throw new DocumentInputException("input not found: " + folder);
        var root = Path.GetFullPath(folder);
        var files = InputDiscovery.VisibleFilesUnder(root)
            .Select(f => (Full: f, Rel: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !IsSidecar(Path.GetFileName(f.Full)) && !f.Rel.Split('/').Any(p => p.StartsWith('.')))
            .OrderBy(f => f.Rel, StringComparer.Ordinal)
            .ToList();
        return ReadFiles(root, files, cancellationToken);
    }

    private IEnumerable<ReadItem> ReadFiles(string root, List<(string Full, string Rel)> files, CancellationToken ct)
    {
        var defaultSource = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        foreach (var (full, rel) in files)
        {
            ct.ThrowIfCancellationRequested();
            yield return ReadOne(root, full, rel, defaultSource);
        }
    }

    private ReadItem ReadOne(string root, string full, string rel, string defaultSource)
    {
        var sidecar = Sidecar(root, full, out var sidecarError);
        if (sidecarError is not null) return Reject(full, sidecarError, null);
        byte[] bytes;
        try
        {
            var length = new FileInfo(full).Length;
            if (length > _options.MaxDocumentBytes)
            {
                Interlocked.Add(ref _bytesRead, length);
                return Reject(full, $"document too long: {length} bytes, limit {_options.MaxDocumentBytes} (max_document_bytes)", Head(full));
            }
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reject(full, "cannot read file: " + e.Message, null);
        }
        Interlocked.Add(ref _bytesRead, bytes.Length);
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        if (!Utf8.IsValid(span)) return Reject(full, "invalid UTF-8", Preview(span));
        if (span.Contains((byte)0)) return Reject(full, "not a text file (NUL bytes)", null);

        var doc = new Document(rel, Encoding.UTF8.GetString(span)) { Source = defaultSource, Origin = new DocumentOrigin(full, 1) };
        foreach (var (key, value) in sidecar)
        {
            if (key == "source" && value is JsonValue sv && sv.TryGetValue<string>(out var s)) doc.Source = s;
            else if (key == "spdx") doc.Metadata["license"] = value?.DeepClone();
            else doc.Metadata[key] = value?.DeepClone();
        }
        return ReadItem.Of(doc);
    }

    /// <summary>Merges the folder sidecars from the root down to the file's folder, then the per-file sidecar.</summary>
    private JsonObject Sidecar(string root, string full, out string? error)
    {
        error = null;
        var merged = new JsonObject();
        var dir = Path.GetDirectoryName(full)!;
        var chain = new List<string>();
        for (var d = dir; d is not null && d.Length >= root.Length; d = Path.GetDirectoryName(d)) chain.Add(d);
        chain.Reverse();
        foreach (var d in chain)
        {
            if (!_folderSidecars.TryGetValue(d, out var entry))
            {
                var p = Path.Combine(d, FolderSidecarName);
                entry = File.Exists(p) ? LoadSidecar(p) : (null, null);
                _folderSidecars[d] = entry;
            }
            if (entry.Error is not null) { error = entry.Error; return merged; }
            if (entry.Fields is not null) MergeInto(merged, entry.Fields);
        }
        var own = full + FileSidecarSuffix;
        if (File.Exists(own))
        {
            var (fields, err) = LoadSidecar(own);
            if (err is not null) { error = err; return merged; }
            MergeInto(merged, fields!);
        }
        return merged;
    }

    /// <summary>Reads one sidecar; a file that is not a JSON object gives an error naming it.</summary>
    public static (JsonObject? Fields, string? Error) LoadSidecar(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(path)) is JsonObject o
                ? (o, null)
                : (null, $"licence sidecar {path} is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"bad licence sidecar {path}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (k, v) in source) target[k] = v?.DeepClone();
    }

    private string Head(string full)
    {
        using var f = File.OpenRead(full);
        var buf = new byte[_options.RawPreviewBytes];
        int n = f.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(buf, 0, n);
    }

    private string Preview(ReadOnlySpan<byte> span) => Encoding.UTF8.GetString(span[..Math.Min(span.Length, _options.RawPreviewBytes)]);

    private static ReadItem Reject(string file, string reason, string? raw) => ReadItem.Rejected(new RejectedRecord(file, 0, reason, raw));
}
