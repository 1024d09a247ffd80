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
    public static readonly SecretKeySetting Setting = new(
        "Soudan:KeyEncryptionKey", "Soudan:KeyEncryptionKeyFile", "key-encryption.key", "the key that encrypts every note, story, document and key");

    internal KeyEncryptionKey(byte[] key) => Key = key;

    internal byte[] Key { get; }

    /// <summary>
    /// A key for one purpose, derived with HKDF so that no two uses share a key, and, like this one,
    /// never stored in the database.
    /// </summary>
    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Key, 32, info: System.Text.Encoding.UTF8.GetBytes("soudan:" + purpose));

    public static KeyEncryptionKey Load(IConfiguration configuration, SoudanPaths paths, DatabaseProvider provider, IHostEnvironment environment, StartupWarnings warnings) =>
        new(SecretKeys.Load(Setting, configuration, paths, provider, environment, warnings));
}

/// <summary>
/// The key of the audit log's hash chain: its own, so that the key-encryption key (which every
/// instance must hold to read the data) does not also let its holder rewrite the log.
/// </summary>
public sealed class AuditKey
{
    public static readonly SecretKeySetting Setting = new(
        "Soudan:AuditKey", "Soudan:AuditKeyFile", "audit-chain.key", "the key that seals the audit log");

    internal AuditKey(byte[] key) => Key = key;

    internal byte[] Key { get; }

    public static AuditKey Load(IConfiguration configuration, SoudanPaths paths, DatabaseProvider provider, IHostEnvironment environment, StartupWarnings warnings) =>
        new(SecretKeys.Load(Setting, configuration, paths, provider, environment, warnings));
}

/// <summary>Where a 32-byte key is set: a value, a file holding it, and the file made for development.</summary>
public sealed record SecretKeySetting(string ConfigurationKey, string FileConfigurationKey, string DevelopmentFileName, string Purpose)
{
    /// <summary>As an operator writes it in the environment (<c>Soudan__AuditKey</c>).</summary>
    public string Variable => ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);

    public string FileVariable => FileConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>
/// Reads the keys Soudan keeps outside its database, one rule for all: a value or a file outside the
/// data directory (a mounted secret) when set. Only in Development on the embedded database, so that
/// <c>dotnet run</c> needs nothing, a key is made in the data directory, with a warning: whoever
/// copies that directory (a backup, a stolen laptop) then holds the keys with the data.
/// </summary>
public static class SecretKeys
{
    private const string HowToMake = "32 random bytes in base64, e.g. from `openssl rand -base64 32`";

    public static byte[] Load(SecretKeySetting setting, IConfiguration configuration, SoudanPaths paths, DatabaseProvider provider, IHostEnvironment environment, StartupWarnings warnings)
    {
        var configured = configuration[setting.ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Parse(configured, setting.Variable);
        }

        var configuredFile = configuration[setting.FileConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configuredFile))
        {
            var path = Path.GetFullPath(configuredFile);
            if (paths.Contains(path))
            {
                throw new StartupException(
                    $"{setting.FileVariable} ({path}) is inside the data directory: a copy of the data directory would hold the key with the data. Keep it elsewhere (a mounted secret, a file only the app's user reads).");
            }

            try
            {
                return Parse(File.ReadAllText(path), setting.FileVariable);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"Cannot read {setting.FileVariable} ({path}): {e.Message}", e);
            }
        }

        var file = Path.Combine(paths.DataDirectory, setting.DevelopmentFileName);
        if (provider == DatabaseProvider.Postgres)
        {
            throw new StartupException(
                $"{setting.Variable} (or {setting.FileVariable}) must be set on PostgreSQL ({HowToMake}), the same on every instance and kept apart from the database.");
        }

        if (!environment.IsDevelopment())
        {
            var found = File.Exists(file) ? $" A key made for development was found at {file}: move it out of the data directory and set {setting.FileVariable} to its new place." : "";
            throw new StartupException(
                $"{setting.Variable} (or {setting.FileVariable}, a file outside the data directory) must be set outside Development: {setting.Purpose}, {HowToMake}, kept apart from the data and its backups.{found}");
        }

        warnings.Add($"{setting.Purpose} is in the data directory ({file}), beside the data it protects: fine to try Soudan, never for real consultations. Set {setting.Variable} or {setting.FileVariable} (a file elsewhere) before use.");
        return ReadOrCreate(file);
    }

    private static byte[] ReadOrCreate(string file)
    {
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

    private static byte[] Parse(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64.Trim());
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw new StartupException($"{source} must hold {HowToMake}.");
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
