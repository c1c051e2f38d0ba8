using System.Text;

namespace MixLab.Curation.Pipeline;

/// <summary>Crash-safe small-file writes: write a temporary file beside the target, then rename over it (DESIGN.md).</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(tmp, content, new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>
    /// Deletes temporary files of <paramref name="path"/> left by a process killed while writing it (they carry that
    /// process's id, so a resumed run would never overwrite them), except this process's own. Call it only where no
    /// other live process can be writing the same file (a file of an input this task owns), or give
    /// <paramref name="minimumAge"/> for files that several tasks may write.
    /// </summary>
    public static void DeleteStaleTemps(string path, TimeSpan minimumAge = default)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder)) return;
        string own = $"{Path.GetFileName(path)}.{Environment.ProcessId}.";
        foreach (var temp in Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".*.tmp"))
        {
            if (Path.GetFileName(temp).StartsWith(own, StringComparison.Ordinal)) continue;
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(temp) >= minimumAge) File.Delete(temp);
            }
            catch (IOException)
            {
                // Gone already, or another process renamed it into place: nothing to clean.
            }
        }
    }
}
