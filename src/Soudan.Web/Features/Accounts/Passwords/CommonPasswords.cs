using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Soudan.Web.Features.Accounts.Passwords;

/// <summary>
/// The common and leaked passwords of <c>common-passwords.txt.gz</c> (see the README beside it),
/// shipped with the app: nothing is looked up over the network. Kept as a sorted array of 64-bit
/// hashes (about 350 KB), read once, searched by halves; compared without regard to case.
/// </summary>
public sealed class CommonPasswords
{
    public const string ResourceName = "Soudan.Web.Features.Accounts.Passwords.common-passwords.txt.gz";

    private readonly Lazy<ulong[]> _hashes = new(Load);

    public int Count => _hashes.Value.Length;

    public bool Contains(string password) => Array.BinarySearch(_hashes.Value, Hash(password.ToLowerInvariant())) >= 0;

    private static ulong[] Load()
    {
        using var resource = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress), Encoding.UTF8);
        var hashes = new List<ulong>(44_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                hashes.Add(Hash(line));
            }
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>64 bits of SHA-256: among 44,000 passwords, a chance of about one in 10^14 that another one collides.</summary>
    private static ulong Hash(string password)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(password), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
