using System.CommandLine;

namespace Soudan.Web.Infrastructure.Audit;

/// <summary><c>-- audit verify</c>: proves the audit log has not been changed, or says where it was.</summary>
public static class AuditCommands
{
    public static Command Create(IServiceProvider services)
    {
        var verify = new Command("verify", "Seal waiting audit events, recompute the hash chain and report whether any line was changed or removed (exit 1 if so).");
        verify.SetAction(async (_, cancellationToken) =>
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(cancellationToken);
            if (!result.Intact)
            {
                await Console.Error.WriteLineAsync($"The audit log was changed: the chain breaks at event number {result.FirstBrokenSequence} (of {result.Sealed + result.Unsealed} events).");
                return 1;
            }

            await Console.Out.WriteLineAsync($"The audit log is intact: {result.Sealed} events chained. Last hash: {result.HeadHash ?? "(empty log)"}");
            await Console.Out.WriteLineAsync("Keep the last hash somewhere else (a printout, a message to the board): a log cut short after today would no longer end with it.");
            return 0;
        });

        var audit = new Command("audit", "The audit log of who saw or changed what.");
        audit.Subcommands.Add(verify);
        return audit;
    }
}
