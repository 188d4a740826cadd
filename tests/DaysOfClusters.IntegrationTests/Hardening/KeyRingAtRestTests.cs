using System.Security.Cryptography;
using DaysOfClusters.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Attack: a database backup holds the data-protection keys in plain form, so its holder forges cookies, manage links and badges.</summary>
public sealed class KeyRingAtRestTests
{
    [Fact]
    public async Task DatabaseKeyRing_When_Stored_HoldsNoPlainMasterKey()
    {
        await using var app = new AppFactory().Started();
        _ = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("make sure a key exists");
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
        });
        // The key that encrypts them lives outside the database, in the data folder when none is configured.
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "keys", "data-protection.key")));
    }

    [Fact]
    public async Task DatabaseCopy_When_OpenedWithoutTheKeyFile_CannotReadWhatTheAppProtected()
    {
        await using var first = new AppFactory().Started();
        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DaysOfClusters.Registration.ManageToken").Protect("manage-token-123");

        // Whoever holds the database (a backup) but another key file: nothing opens.
        var otherKeyFile = Path.Combine(Directory.CreateTempSubdirectory("doc-it-otherkey-").FullName, "other.key");
        await using var thief = new AppFactory(first.DataFolder, settings: new Dictionary<string, string?> { ["DataProtection:KeyFile"] = otherKeyFile }).Started();
        Assert.ThrowsAny<CryptographicException>(() =>
            thief.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DaysOfClusters.Registration.ManageToken").Unprotect(payload));

        // With the same key file, given by configuration, another instance (own data folder) reads it.
        await using var sibling = new AppFactory(first.DataFolder, settings: new Dictionary<string, string?>
            { ["DataProtection:KeyFile"] = Path.Combine(first.DataFolder, "keys", "data-protection.key") }).Started();
        Assert.Equal("manage-token-123",
            sibling.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DaysOfClusters.Registration.ManageToken").Unprotect(payload));
    }

    [Fact]
    public async Task DatabaseKeyRing_When_KeysWerePlainBeforeTheUpgrade_EncryptsThemAtStartAndStillReadsThem()
    {
        await using var before = new AppFactory().Started();
        // A key as versions before the key file wrote it: plain XML, under the app's name, and a link it protected.
        var plainFolder = Directory.CreateTempSubdirectory("doc-it-plainkeys-");
        var oldProvider = DataProtectionProvider.Create(plainFolder, b => b.SetApplicationName("DaysOfClusters"));
        var payload = oldProvider.CreateProtector("DaysOfClusters.Registration.ManageToken").Protect("sent-before-the-upgrade");
        var plainXml = File.ReadAllText(plainFolder.GetFiles("key-*.xml").Single().FullName);
        Assert.Contains("<masterKey", plainXml, StringComparison.Ordinal);
        await before.WithDbAsync(db =>
        {
            db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = "old", Xml = plainXml });
            return db.SaveChangesAsync();
        });

        // The next start (here a second instance on the same data) encrypts it in place.
        await using var upgraded = new AppFactory(before.DataFolder).Started();
        var keys = await upgraded.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        Assert.True(keys.Count >= 2);
        Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        Assert.Equal("sent-before-the-upgrade",
            upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DaysOfClusters.Registration.ManageToken").Unprotect(payload));
    }
}
