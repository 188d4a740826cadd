using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace DaysOfClusters.Web.Features.Security;

/// <summary>The 256-bit key that encrypts the data-protection key ring; it lives in a file, never in the database.</summary>
public sealed class KeyRingFileKey(byte[] key, string path)
{
    public byte[] Key { get; } = key;
    public string Path { get; } = path;

    /// <summary>Names the key without revealing it, so a wrong key file is told apart from damaged data.</summary>
    public string Id { get; } = Convert.ToHexStringLower(SHA256.HashData(key), 0, 8);
}

/// <summary>
/// Encrypts the data-protection key ring at rest (AES-256-GCM) with a key file kept outside the database, so a database
/// backup alone cannot forge login cookies, manage links or badges. DataProtection:KeyFile names the file; without it
/// the file is &lt;Data:Folder&gt;/keys/data-protection.key, created (owner-only) on the first start. Instances that
/// share a database must share this file.
/// </summary>
public static class KeyRingEncryption
{
    public const string Setting = "DataProtection:KeyFile";

    public static IDataProtectionBuilder ProtectKeysWithKeyFile(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration[Setting] is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured, environment.ContentRootPath)
            : System.IO.Path.Combine(DatabaseSetup.DataFolder(configuration, environment), "keys", "data-protection.key");
        var key = new KeyRingFileKey(LoadOrCreate(path), path);
        builder.Services.AddSingleton(key);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new KeyFileXmlEncryptor(key));
        return builder;
    }

    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>
    /// Keys written before the key file existed hold their master key in plain form, and stay needed as long as what
    /// they protected (sent manage links): encrypts them in place, the way the key manager encrypts new ones (each
    /// element marked requiresEncryption becomes an encryptedSecret). Returns how many keys it encrypted.
    /// </summary>
    public static async Task<int> EncryptPlainKeysAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var encryptor = new KeyFileXmlEncryptor(services.GetRequiredService<KeyRingFileKey>());
        var factory = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var encrypted = 0;
        foreach (var row in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys, ct))
        {
            if (row.Xml is null) continue;
            var key = XElement.Parse(row.Xml);
            var plain = key.Descendants().Where(e => (string?)e.Attribute(DataProtectionNamespace + "requiresEncryption") == "true").ToList();
            if (plain.Count == 0) continue;
            foreach (var element in plain)
            {
                var info = encryptor.Encrypt(new XElement(element));
                element.ReplaceWith(new XElement(DataProtectionNamespace + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }
            row.Xml = key.ToString(SaveOptions.DisableFormatting);
            encrypted++;
        }
        await db.SaveChangesAsync(ct);
        return encrypted;
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            // Two instances starting at once on one folder: the first file in place wins, the other is dropped.
            try { File.Move(temp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(temp); }
        }
        byte[] key;
        try { key = Convert.FromBase64String(File.ReadAllText(path).Trim()); }
        catch (FormatException) { key = []; }
        if (key.Length != 32) throw new InvalidOperationException($"{Setting}: {path} does not hold a base64 256-bit key.");
        return key;
    }
}

public sealed class KeyFileXmlEncryptor(KeyRingFileKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key.Key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM with the key file of DataProtection:KeyFile "),
            new XAttribute("keyFileId", key.Id),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }
}

/// <summary>Created by the key manager from the type name stored with each key, with the app's services.</summary>
public sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<KeyRingFileKey>();
        var keyFileId = (string?)encryptedElement.Attribute("keyFileId");
        if (keyFileId != key.Id)
            throw new CryptographicException($"This data-protection key was encrypted with another key file (id {keyFileId}) than {key.Path} (id {key.Id}): give every instance the same {KeyRingEncryption.Setting}.");
        var nonce = Convert.FromBase64String((string)encryptedElement.Element("nonce")!);
        var tag = Convert.FromBase64String((string)encryptedElement.Element("tag")!);
        var cipher = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key.Key, tag.Length)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
