using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using DaysOfClusters.Web.Data.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlSectorsAndSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Sector",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sector", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsArrivalHours",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Arrivals = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsArrivalHours", x => new { x.EditionId, x.Hour });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsCells",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    OrganisationType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Registrations = table.Column<int>(type: "integer", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsCells", x => new { x.EditionId, x.CountryCode, x.OrganisationType, x.CategoryId, x.Status });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsNewPeople",
                columns: table => new
                {
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsNewPeople", x => x.Ordinal);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsOrganisationCells",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Registrations = table.Column<int>(type: "integer", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsOrganisationCells", x => new { x.EditionId, x.OrganisationId, x.Status });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsPeople",
                columns: table => new
                {
                    EmailHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstOrdinal = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsPeople", x => x.EmailHash);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsRegistrationHours",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Registrations = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsRegistrationHours", x => new { x.EditionId, x.Hour });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsRegistrationStates",
                columns: table => new
                {
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    OrganisationType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Attended = table.Column<int>(type: "integer", nullable: false),
                    ArrivalHour = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    CreatedHour = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsRegistrationStates", x => x.RegistrationId);
                });

            migrationBuilder.CreateTable(
                name: "MatchmakingProfileSector",
                columns: table => new
                {
                    ProfileId = table.Column<int>(type: "integer", nullable: false),
                    SectorId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchmakingProfileSector", x => new { x.ProfileId, x.SectorId });
                    table.ForeignKey(
                        name: "FK_MatchmakingProfileSector_MatchmakingProfile_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "MatchmakingProfile",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MatchmakingProfileSector_Sector_SectorId",
                        column: x => x.SectorId,
                        principalTable: "Sector",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationSector",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    SectorId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationSector", x => new { x.OrganisationId, x.SectorId });
                    table.ForeignKey(
                        name: "FK_OrganisationSector_Organisation_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationSector_Sector_SectorId",
                        column: x => x.SectorId,
                        principalTable: "Sector",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MatchmakingProfileSector_SectorId",
                table: "MatchmakingProfileSector",
                column: "SectorId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationSector_SectorId",
                table: "OrganisationSector",
                column: "SectorId");

            migrationBuilder.CreateIndex(
                name: "IX_Sector_Name",
                table: "Sector",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sector_NameKey",
                table: "Sector",
                column: "NameKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sector_SortOrder",
                table: "Sector",
                column: "SortOrder");

            // The same data steps as SQLite's SectorsList and StatisticsSummaries migrations: the seeded list with the
            // free text moved into it (before its columns go), then the trigger-kept statistics summaries, filled at the end.
            SectorsList.MoveFreeTextIntoTheList(migrationBuilder, ActiveProvider);
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.PostgreSql);

            migrationBuilder.DropColumn(
                name: "Sectors",
                table: "Organisation");

            migrationBuilder.DropColumn(
                name: "Sectors",
                table: "MatchmakingProfile");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // CASCADE takes the statistics triggers with their functions.
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS statistics_registrations_changed() CASCADE;
                DROP FUNCTION IF EXISTS statistics_registration_rows_changed() CASCADE;
                DROP FUNCTION IF EXISTS statistics_edition_ordinal_changed() CASCADE;
                DROP FUNCTION IF EXISTS statistics_refresh_registrations(integer[]);
                DROP FUNCTION IF EXISTS statistics_refresh_people(text[]);
                """);

            migrationBuilder.DropTable(
                name: "MatchmakingProfileSector");

            migrationBuilder.DropTable(
                name: "OrganisationSector");

            migrationBuilder.DropTable(
                name: "StatisticsArrivalHours");

            migrationBuilder.DropTable(
                name: "StatisticsCells");

            migrationBuilder.DropTable(
                name: "StatisticsNewPeople");

            migrationBuilder.DropTable(
                name: "StatisticsOrganisationCells");

            migrationBuilder.DropTable(
                name: "StatisticsPeople");

            migrationBuilder.DropTable(
                name: "StatisticsRegistrationHours");

            migrationBuilder.DropTable(
                name: "StatisticsRegistrationStates");

            migrationBuilder.DropTable(
                name: "Sector");

            migrationBuilder.AddColumn<string>(
                name: "Sectors",
                table: "Organisation",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sectors",
                table: "MatchmakingProfile",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }
    }
}
