namespace MixLab.Documents;

/// <summary>
/// Base of the shard writers (DESIGN.md "Data contracts", crash-safe outputs): documents go to
/// <c>&lt;prefix&gt;_00000&lt;ext&gt;</c>, <c>&lt;prefix&gt;_00001&lt;ext&gt;</c>, ... in the output folder, a new shard
/// starting when the current one would pass <see cref="DocumentWriterOptions.MaxShardBytes"/> of uncompressed JSON.
/// Every shard is written as <c>&lt;name&gt;.tmp</c> and renamed into place only by <see cref="Complete"/>; disposing
/// without completing deletes the temporaries, so a crashed or cancelled run leaves no partial shard under a final name.
/// </summary>
public abstract class ShardedDocumentWriter : IDocumentWriter
{
    private readonly string _folder;
    private readonly string _prefix;
    private readonly string _extension;
    private readonly List<(string Temp, string Final)> _shards = new();
    private bool _open, _completed, _disposed;
    private long _shardBytes;

    protected ShardedDocumentWriter(string folder, string prefix, DocumentOutputFormat format, DocumentWriterOptions? options)
    {
        if (string.IsNullOrWhiteSpace(prefix) || prefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"invalid shard prefix '{prefix}'", nameof(prefix));
        Options = options ?? new DocumentWriterOptions();
        if (Options.MaxShardBytes <= 0) throw new ArgumentException("max_shard_bytes must be positive", nameof(options));
        _folder = folder;
        _prefix = prefix;
        _extension = format.Extension();
        Directory.CreateDirectory(folder);
    }

    protected DocumentWriterOptions Options { get; }

    /// <summary>Documents written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Uncompressed bytes written so far (JSON line bytes; an estimate of them for Parquet).</summary>
    public long UncompressedBytes { get; private set; }

    /// <inheritdoc />
    public void Write(Document document)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("the writer is already complete");
        long size = Prepare(document);
        if (_open && _shardBytes > 0 && _shardBytes + size > Options.MaxShardBytes)
        {
            CloseShard();
            _open = false;
        }
        if (!_open)
        {
            var final = Path.Combine(_folder, $"{_prefix}_{_shards.Count:D5}{_extension}");
            var temp = final + ".tmp";
            _shards.Add((temp, final));
            OpenShard(temp);
            _open = true;
            _shardBytes = 0;
        }
        WritePrepared();
        _shardBytes += size;
        UncompressedBytes += size;
        Count++;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) return _shards.Select(s => s.Final).ToList();
        if (_open)
        {
            CloseShard();
            _open = false;
        }
        foreach (var (temp, final) in _shards) File.Move(temp, final, overwrite: true);
        _completed = true;
        return _shards.Select(s => s.Final).ToList();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_open)
        {
            try { CloseShard(); } catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException) { }
            _open = false;
        }
        if (!_completed)
            foreach (var (temp, _) in _shards)
                try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>Encodes the document into an internal buffer and returns its size in uncompressed JSON bytes.</summary>
    protected abstract long Prepare(Document document);

    /// <summary>Writes the document last passed to <see cref="Prepare"/> to the open shard.</summary>
    protected abstract void WritePrepared();

    protected abstract void OpenShard(string tempPath);

    /// <summary>Flushes and closes the open shard.</summary>
    protected abstract void CloseShard();
}
