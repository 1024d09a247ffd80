using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Infrastructure.Security;

public static class SecuritySetup
{
    public static WebApplicationBuilder AddSoudanSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var paths = SoudanPaths.From(builder);
        var database = DatabaseSettings.From(builder.Configuration, paths);
        var warnings = StartupWarnings.From(builder);
        var keyEncryptionKey = KeyEncryptionKey.Load(builder.Configuration, paths, database.Provider, builder.Environment, warnings);
        services.AddSingleton(keyEncryptionKey);
        services.AddSingleton(AuditKey.Load(builder.Configuration, paths, database.Provider, builder.Environment, warnings));

        // Keys in the database so that several instances read the same cookies and encrypted fields.
        services.AddDataProtection()
            .SetApplicationName("Soudan")
            .PersistKeysToDbContext<SoudanDbContext>();
        services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new AesGcmXmlEncryptor(keyEncryptionKey));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "soudan.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // the default sends it over plain HTTP too
            o.FormFieldName = "__rvt";
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });

        services.AddSingleton<SensitiveText>();
        services.AddScoped<KeyRotation>();
        builder.AddSoudanKnownProxies();
        builder.AddSoudanRateLimiting();
        return builder;
    }
}
