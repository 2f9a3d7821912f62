using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Data;

public static class Persistence
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name);
                npgsql.MigrationsHistoryTable("__EFMigrationsHistory");
            })
            .UseSnakeCaseNamingConvention();
}
