using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SectorsList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Sector",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sector", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatchmakingProfileSector",
                columns: table => new
                {
                    ProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectorId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectorId = table.Column<int>(type: "INTEGER", nullable: false)
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

            MoveFreeTextIntoTheList(migrationBuilder, ActiveProvider);

            migrationBuilder.DropColumn(
                name: "Sectors",
                table: "Organisation");

            migrationBuilder.DropColumn(
                name: "Sectors",
                table: "MatchmakingProfile");
        }

        /// <summary>The list a new installation starts with: sectors of the network's clusters.</summary>
        private static readonly string[] SeedSectors =
        [
            "ICT", "Agri-food", "Energy and renewables", "Wood and furniture", "Textiles and clothing", "Tourism", "Automotive",
            "Creative industries", "Construction", "Health and life sciences", "Logistics and transport", "Metal processing",
            "Electronics and mechatronics", "Plastics and chemicals", "Environment and circular economy",
        ];

        /// <summary>Common free-text spellings of the seeded sectors (lower case), so "wood, furniture" becomes "Wood and furniture".</summary>
        private static readonly (string Alias, string Name)[] Aliases =
        [
            ("it", "ICT"), ("information technology", "ICT"), ("software", "ICT"), ("digital", "ICT"),
            ("agrifood", "Agri-food"), ("agri food", "Agri-food"), ("agriculture", "Agri-food"), ("food", "Agri-food"), ("food processing", "Agri-food"), ("agro", "Agri-food"),
            ("energy", "Energy and renewables"), ("renewables", "Energy and renewables"), ("renewable energy", "Energy and renewables"), ("energy efficiency", "Energy and renewables"),
            ("wood", "Wood and furniture"), ("furniture", "Wood and furniture"), ("wood industry", "Wood and furniture"), ("wood processing", "Wood and furniture"),
            ("textile", "Textiles and clothing"), ("textiles", "Textiles and clothing"), ("clothing", "Textiles and clothing"), ("fashion", "Textiles and clothing"), ("apparel", "Textiles and clothing"),
            ("travel", "Tourism"), ("auto", "Automotive"), ("automotive industry", "Automotive"),
            ("creative", "Creative industries"), ("design", "Creative industries"), ("film", "Creative industries"),
            ("construction industry", "Construction"), ("building", "Construction"),
            ("health", "Health and life sciences"), ("life sciences", "Health and life sciences"), ("medical", "Health and life sciences"), ("healthcare", "Health and life sciences"), ("pharma", "Health and life sciences"),
            ("logistics", "Logistics and transport"), ("transport", "Logistics and transport"), ("transportation", "Logistics and transport"),
            ("metal", "Metal processing"), ("metalworking", "Metal processing"), ("metal industry", "Metal processing"),
            ("electronics", "Electronics and mechatronics"), ("mechatronics", "Electronics and mechatronics"),
            ("plastics", "Plastics and chemicals"), ("chemicals", "Plastics and chemicals"), ("chemistry", "Plastics and chemicals"),
            ("environment", "Environment and circular economy"), ("circular economy", "Environment and circular economy"), ("recycling", "Environment and circular economy"),
        ];

        private static string Quote(string s) => "'" + s.Replace("'", "''", System.StringComparison.Ordinal) + "'";

        /// <summary>
        /// Seeds the list, then turns every profile's and organisation's free-text sectors (comma or semicolon separated)
        /// into links: known spellings go to the seeded sector, anything else becomes a sector of its own, so nothing is lost.
        /// </summary>
        /// PostgreSQL's own migration (PostgreSqlSectorsAndSummaries) runs the same steps.
        internal static void MoveFreeTextIntoTheList(MigrationBuilder migrationBuilder, string activeProvider)
        {
            var position = activeProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "strpos" : "instr";
            var seed = string.Join(",\n", SeedSectors.Select((name, i) =>
                $"({Quote(name)}, {Quote(Features.Network.OrganisationSearch.Fold(name))}, {(i + 1) * 10}, FALSE)"));
            var aliases = string.Join(",\n", Aliases.Select(a => $"({Quote(a.Alias)}, {Quote(a.Name)})"));
            migrationBuilder.Sql($"""
                INSERT INTO "Sector" ("Name", "NameKey", "SortOrder", "Retired") VALUES
                {seed};

                CREATE TEMP TABLE "SectorAlias" ("Alias" TEXT NOT NULL PRIMARY KEY, "Name" TEXT NOT NULL);
                INSERT INTO "SectorAlias" ("Alias", "Name") VALUES
                {aliases};

                CREATE TEMP TABLE "SectorItem" ("Kind" TEXT NOT NULL, "OwnerId" INTEGER NOT NULL, "Item" TEXT NOT NULL);
                WITH RECURSIVE "Split" ("Kind", "OwnerId", "Item", "Rest") AS (
                    SELECT 'p', "Id", '', replace("Sectors", ';', ',') || ',' FROM "MatchmakingProfile" WHERE "Sectors" IS NOT NULL
                    UNION ALL
                    SELECT 'o', "Id", '', replace("Sectors", ';', ',') || ',' FROM "Organisation" WHERE "Sectors" IS NOT NULL
                    UNION ALL
                    SELECT "Kind", "OwnerId", trim(substr("Rest", 1, {position}("Rest", ',') - 1)), substr("Rest", {position}("Rest", ',') + 1)
                    FROM "Split" WHERE "Rest" <> ''
                )
                INSERT INTO "SectorItem" ("Kind", "OwnerId", "Item")
                SELECT "Kind", "OwnerId", substr("Item", 1, 100) FROM "Split" WHERE "Item" <> '';

                UPDATE "SectorItem" SET "Item" = (SELECT a."Name" FROM "SectorAlias" a WHERE a."Alias" = lower("SectorItem"."Item"))
                WHERE lower("Item") IN (SELECT "Alias" FROM "SectorAlias");

                INSERT INTO "Sector" ("Name", "NameKey", "SortOrder", "Retired")
                SELECT upper(substr(min(i."Item"), 1, 1)) || substr(min(i."Item"), 2), lower(i."Item"), 1000, FALSE
                FROM "SectorItem" i
                WHERE lower(i."Item") NOT IN (SELECT "NameKey" FROM "Sector")
                GROUP BY lower(i."Item");

                INSERT INTO "MatchmakingProfileSector" ("ProfileId", "SectorId")
                SELECT DISTINCT i."OwnerId", s."Id" FROM "SectorItem" i JOIN "Sector" s ON s."NameKey" = lower(i."Item") WHERE i."Kind" = 'p';

                INSERT INTO "OrganisationSector" ("OrganisationId", "SectorId")
                SELECT DISTINCT i."OwnerId", s."Id" FROM "SectorItem" i JOIN "Sector" s ON s."NameKey" = lower(i."Item") WHERE i."Kind" = 'o';

                DROP TABLE "SectorItem";
                DROP TABLE "SectorAlias";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Sectors",
                table: "Organisation",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sectors",
                table: "MatchmakingProfile",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            // Back to free text: the names of each record's sectors, comma separated.
            var join = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "string_agg" : "group_concat";
            migrationBuilder.Sql($"""
                UPDATE "MatchmakingProfile" SET "Sectors" = (SELECT substr({join}(s."Name", ', '), 1, 500) FROM "MatchmakingProfileSector" x
                    JOIN "Sector" s ON s."Id" = x."SectorId" WHERE x."ProfileId" = "MatchmakingProfile"."Id");
                UPDATE "Organisation" SET "Sectors" = (SELECT substr({join}(s."Name", ', '), 1, 500) FROM "OrganisationSector" x
                    JOIN "Sector" s ON s."Id" = x."SectorId" WHERE x."OrganisationId" = "Organisation"."Id");
                """);

            migrationBuilder.DropTable(
                name: "MatchmakingProfileSector");

            migrationBuilder.DropTable(
                name: "OrganisationSector");

            migrationBuilder.DropTable(
                name: "Sector");

        }
    }
}
