using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Soudan.Web.Infrastructure.Security;

/// <summary>
/// An entity that keeps what tells of a person's situation (problem codes, urgent needs, tags, a
/// task's title) in one encrypted column beside the name, and in plain properties in memory. The
/// plain properties are not mapped: a query cannot filter on them, only read them once loaded.
/// </summary>
public interface IProtectsFields
{
    /// <summary>
    /// The plain properties as one document (what is encrypted), compared to see whether they
    /// changed; null when there is nothing to keep (the column stays empty, as for most timeline lines).
    /// </summary>
    string? PlainFields();

    /// <summary>Fills the plain properties from <see cref="PlainFields"/>'s document.</summary>
    void ReadPlainFields(string plain);

    /// <summary>The encrypted column (null before the first save).</summary>
    string? FieldsProtected { get; set; }

    /// <summary>
    /// Shadow properties over the columns these fields were kept in, in clear, before they were
    /// encrypted: read when nothing is encrypted yet, emptied at the next save (and by <c>SituationBackfill</c>).
    /// </summary>
    IReadOnlyList<string> LegacyColumns { get; }

    /// <summary>Fills the plain properties from the old clear columns, read by name.</summary>
    void ReadLegacyColumns(Func<string, object?> value);
}

/// <summary>
/// Fills an <see cref="IProtectsFields"/> entity's plain properties when it is loaded, and encrypts
/// them again before a save in which they changed, for every context of the app: no page can forget
/// to. It remembers what each entity held when loaded, so an unchanged entity is not written.
/// </summary>
public sealed class ProtectedFields : IMaterializationInterceptor, ISaveChangesInterceptor
{
    /// <summary>
    /// One for every app: a materialization interceptor is part of the key of EF's internal services,
    /// so an instance per app would make EF build its services anew for each. The key is the app's,
    /// found through the context.
    /// </summary>
    public static ProtectedFields Instance { get; } = new();

    private ProtectedFields()
    {
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IProtectsFields, string> Loaded = [];

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is not IProtectsFields protects)
        {
            return entity;
        }

        var sensitive = SensitiveTextOf(materializationData.Context);

        if (protects.FieldsProtected is { } stored)
        {
            if (sensitive.Unprotect(stored) is { } plain)
            {
                protects.ReadPlainFields(plain);
                Loaded.AddOrUpdate(protects, plain);
            }
            else
            {
                // Unreadable (a key ring restored without its key): left as it is unless someone changes the fields.
                Loaded.AddOrUpdate(protects, protects.PlainFields() ?? NothingKept);
            }
        }
        else if (protects.LegacyColumns.Count > 0)
        {
            // Written before these fields were encrypted: read from the old columns, encrypted at the next save.
            protects.ReadLegacyColumns(column => materializationData.GetPropertyValue(column));
        }

        return entity;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ProtectChanges(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ProtectChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Protect(IProtectsFields entity, SensitiveText sensitive)
    {
        var plain = entity.PlainFields();
        if (plain is null)
        {
            // Nothing to keep: an encrypted empty document would only cost a write.
            if (entity.FieldsProtected is not null && (!Loaded.TryGetValue(entity, out var kept) || kept != NothingKept))
            {
                entity.FieldsProtected = null;
            }

            Loaded.AddOrUpdate(entity, NothingKept);
            return;
        }

        if (entity.FieldsProtected is null || !Loaded.TryGetValue(entity, out var before) || before != plain)
        {
            entity.FieldsProtected = sensitive.Protect(plain);
            Loaded.AddOrUpdate(entity, plain);
        }
    }

    /// <summary>What <see cref="Loaded"/> remembers of an entity with nothing to keep (no document is this).</summary>
    private const string NothingKept = "\u0000";

    private static void ProtectChanges(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        SensitiveText? sensitive = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is IProtectsFields entity && entry.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged)
            {
                Protect(entity, sensitive ??= SensitiveTextOf(context));
                foreach (var column in entity.LegacyColumns)
                {
                    if (entry.Property(column).CurrentValue is not null)
                    {
                        entry.Property(column).CurrentValue = null;
                    }
                }
            }
        }
    }

    private static SensitiveText SensitiveTextOf(DbContext context) =>
        Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(context).FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<SensitiveText>()
        ?? throw new InvalidOperationException("The database context was made without the app's services: encrypted fields cannot be read.");

    /// <summary>The lists a document of plain fields holds, as JSON (the same shape every entity uses).</summary>
    public static string Write(Dictionary<string, List<string>> fields) => JsonSerializer.Serialize(fields);

    public static Dictionary<string, List<string>> Read(string plain)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(plain) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
