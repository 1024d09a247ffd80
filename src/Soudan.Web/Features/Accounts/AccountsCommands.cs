using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Soudan.Web.Data;
using Soudan.Web.Infrastructure.Audit;
using Soudan.Web.Infrastructure.Hosting;

namespace Soudan.Web.Features.Accounts;

/// <summary><c>users add | list | password-link | reset-two-factor</c>: staff accounts for scripts and operators.</summary>
public static class AccountsCommands
{
    public static Command Create(IServiceProvider services)
    {
        var users = new Command("users", "Manage staff accounts.");
        users.Subcommands.Add(Add(services));
        users.Subcommands.Add(List(services));
        users.Subcommands.Add(PasswordLink(services));
        users.Subcommands.Add(ResetTwoFactor(services));
        return users;
    }

    private static Command Add(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "E-mail address; also the sign-in name.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = $"Role, repeatable or comma-separated: {string.Join(", ", StaffRoles.All)}.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string?>("--name") { Description = "Display name (default: the part of the e-mail before @)." };
        var language = new Option<string?>("--language") { Description = "Staff pages in ja (default) or en." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When access ends, e.g. 2026-07-25T20:00+09:00 (volunteers of one hotline day)." };
        var command = new Command("add", "Create a staff account. The password is read from standard input; with none, a one-time set-password link is printed.")
        {
            email, roles, name, language, expires,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = await OpenAsync(services, cancellationToken);
            var roleNames = parse.GetValue(roles)!.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var password = ReadPassword();
            var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(
                new NewStaffAccount(parse.GetValue(email)!, parse.GetValue(name) ?? "", roleNames, password, parse.GetValue(language), parse.GetValue(expires)?.UtcDateTime),
                createdBy: null,
                cancellationToken);
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync("Not created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                return 1;
            }

            var user = result.User!;
            await Console.Out.WriteLineAsync($"Created {user.Email} ({string.Join(", ", roleNames.Select(r => StaffRoles.Find(r)))}).");
            if (password is null)
            {
                await PrintSetPasswordLinkAsync(scope.ServiceProvider, user, cancellationToken);
            }

            await Console.Out.WriteLineAsync("At first sign-in they set up two-factor sign-in before they can reach anything else.");

            return 0;
        });
        return command;
    }

    private static Command List(IServiceProvider services)
    {
        var command = new Command("list", "List staff accounts.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var scope = await OpenAsync(services, cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<SoudanDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Email,
                    u.TwoFactorEnabled,
                    u.DeactivatedAtUtc,
                    u.AccessExpiresAtUtc,
                    Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var state = row.DeactivatedAtUtc is not null ? "deactivated"
                    : row.AccessExpiresAtUtc <= now ? "expired"
                    : "active";
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Email,-40} {string.Join(",", row.Roles.Order()),-30} {(row.TwoFactorEnabled ? "2FA" : "no 2FA"),-7} {state}"));
            }

            if (rows.Count == 0)
            {
                await Console.Out.WriteLineAsync("No staff accounts yet.");
            }

            return 0;
        });
        return command;
    }

    private static Command PasswordLink(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "E-mail address of the staff account.", Required = true };
        var command = new Command("password-link", "Print a one-time link with which the person sets a new password.") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = await OpenAsync(services, cancellationToken);
            if (await FindAsync(scope.ServiceProvider, parse.GetValue(email)!) is not { } user)
            {
                return 1;
            }

            await PrintSetPasswordLinkAsync(scope.ServiceProvider, user, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command ResetTwoFactor(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "E-mail address of the staff account.", Required = true };
        var command = new Command("reset-two-factor", "Turn off two-factor sign-in for someone who lost their device; they set it up again at next sign-in.") { email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var scope = await OpenAsync(services, cancellationToken);
            if (await FindAsync(scope.ServiceProvider, parse.GetValue(email)!) is not { } user)
            {
                return 1;
            }

            await scope.ServiceProvider.GetRequiredService<TwoFactorReset>().ResetAsync(user, actorId: null, cancellationToken);
            await Console.Out.WriteLineAsync($"Two-factor sign-in is off for {user.Email}; they set it up again at next sign-in.");
            return 0;
        });
        return command;
    }

    private static async Task<AsyncServiceScope> OpenAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<DatabaseSettings>().MigrateOnStart)
        {
            await services.MigrateDatabaseAsync(cancellationToken);
        }

        return services.CreateAsyncScope();
    }

    private static async Task<StaffUser?> FindAsync(IServiceProvider services, string email)
    {
        var user = await services.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"No staff account has the e-mail address {email}.");
        }

        return user;
    }

    private static async Task PrintSetPasswordLinkAsync(IServiceProvider services, StaffUser user, CancellationToken cancellationToken)
    {
        var path = await services.GetRequiredService<AccountLinks>().CreateAsync(AccountLinkPurpose.SetPassword, user.Id, cancellationToken);
        await services.GetRequiredService<AuditLog>().RecordAsync(AuditActions.SetPasswordLinkCreated, null, "staff", user.Id.ToString(), cancellationToken);
        await Console.Out.WriteLineAsync("Send them this one-time link to choose a password (it works once; older links no longer work):");
        await Console.Out.WriteLineAsync("    " + services.GetRequiredService<PublicAddress>().For(path));
    }

    /// <summary>
    /// The first line of standard input when it is piped (<c>echo "$PW" | ... users add</c>); a
    /// prompt without echo at a terminal. Empty means "print a link instead".
    /// </summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? null : line;
        }

        Console.Write("Password (Enter for a one-time set-password link instead): ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return password.Length == 0 ? null : password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
