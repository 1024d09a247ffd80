using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// The key that encrypts the Data Protection key ring. The key ring lives in the database so that
/// several instances share it; this key does not, so a copy of the database alone opens neither the
/// sign-in cookies nor the fields encrypted with Data Protection.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string ConfigurationKey = "Soudan:KeyEncryptionKey";
    public const string FileConfigurationKey = "Soudan:KeyEncryptionKeyFile";
    public const string FileName = "key-encryption.key";

    internal KeyEncryptionKey(byte[] key) => Key = key;

    internal byte[] Key { get; }

    /// <summary>
    /// A key for one purpose, derived with HKDF so that no two uses share a key, and, like this one,
    /// never stored in the database.
    /// </summary>
    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, 32, info: System.Text.Encoding.UTF8.GetBytes("soudan:" + purpose));

    /// <summary>
    /// <c>Soudan__KeyEncryptionKey</c> (32 bytes, base64) or <c>Soudan__KeyEncryptionKeyFile</c> (a file
    /// holding them, such as a mounted secret) when set, as production sets it. Otherwise, on the
    /// embedded default only, a file in the data directory made on first start.
    /// </summary>
    public static KeyEncryptionKey Load(IConfiguration configuration, SoudanPaths paths, DatabaseProvider provider)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, "Soudan__KeyEncryptionKey");
        }

        var configuredFile = configuration[FileConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configuredFile))
        {
            try
            {
                return Parse(File.ReadAllText(configuredFile), "Soudan__KeyEncryptionKeyFile");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"Cannot read Soudan__KeyEncryptionKeyFile ({configuredFile}): {e.Message}", e);
            }
        }

        if (provider == DatabaseProvider.Postgres)
        {
            throw new StartupException(
                "Soudan__KeyEncryptionKey (or Soudan__KeyEncryptionKeyFile) must be set on PostgreSQL (32 random bytes in base64, e.g. from `openssl rand -base64 32`), " +
                "the same on every instance and kept apart from the database.");
        }

        var file = Path.Combine(paths.DataDirectory, FileName);
        try
        {
            if (!File.Exists(file))
            {
                var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    // Readable by the app's own user only.
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(file, create);
                using var writer = new StreamWriter(stream);
                writer.Write(fresh);
            }

            return Parse(File.ReadAllText(file), file);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process (the command line, a second start) created it a moment ago.
            return Parse(File.ReadAllText(file), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot create the key file in Soudan__DataDirectory ({file}): {e.Message}", e);
        }
    }

    private static KeyEncryptionKey Parse(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length == 32)
            {
                return new KeyEncryptionKey(key);
            }
        }
        catch (FormatException)
        {
        }

        throw new StartupException($"{source} must hold 32 random bytes in base64 (e.g. from `openssl rand -base64 32`).");
    }
}

/// <summary>Encrypts each Data Protection key with AES-256-GCM before it is written to the database.</summary>
public sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key.Key, TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement("encryptedKey",
            new XComment(" Encrypted with Soudan__KeyEncryptionKey (AES-256-GCM). "),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    internal static XElement Decrypt(KeyEncryptionKey key, XElement encryptedElement)
    {
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var ciphertext = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key.Key, TagSize))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
        }

        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}

/// <summary>Made by Data Protection's activator, hence the service-provider constructor.</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        AesGcmXmlEncryptor.Decrypt(services.GetRequiredService<KeyEncryptionKey>(), encryptedElement);
}
