package org.jincai.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.jincai.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

class DataScopeTest {

    @Test
    void aProvinceCoversItsCitiesAndDistrictsACityOnlyItsOwn() {
        DataScope hubei = DataScope.of(List.of("420000"), Set.of());
        DataScope wuhan = DataScope.of(List.of("420100"), Set.of());

        assertThat(hubei.allows("420000", "A1")).isTrue();
        assertThat(hubei.allows("420102", "A1")).isTrue();
        assertThat(hubei.allows("430000", "A1")).isFalse();
        assertThat(wuhan.allows("420102", "A1")).isTrue();
        assertThat(wuhan.allows("420200", "A1")).isFalse();
        assertThat(wuhan.allows("420000", "A1")).as("the province is above the city").isFalse();
    }

    @Test
    void agenciesNarrowTheDivisionsAndEverythingCoversAll() {
        DataScope twoAgencies = DataScope.of(List.of("420000"), Set.of("101001", "101002"));

        assertThat(twoAgencies.allows("420100", "101001")).isTrue();
        assertThat(twoAgencies.allows("420100", "999999")).isFalse();
        assertThat(twoAgencies.allows("420100", null)).isFalse();
        assertThat(DataScope.everything().allows("110000", "x")).isTrue();
        assertThat(DataScope.of(List.of(), Set.of()).allows("420000", "x")).isFalse();
    }

    @Test
    void theSqlConditionSelectsWhatAllowsSelects() {
        try (TestDatabase db = TestDatabase.create()) {
            var jdbc = db.jdbc();
            jdbc.getJdbcTemplate().execute("CREATE TABLE scope_probe (adm VARCHAR(9), agency VARCHAR(30))");
            for (String[] row : new String[][] {{"420000", "101001"}, {"420102", "101002"}, {"420200", "101001"},
                    {"430000", "101001"}, {"420100", "999999"}}) {
                jdbc.getJdbcTemplate().update("INSERT INTO scope_probe VALUES (?, ?)", (Object[]) row);
            }
            for (DataScope scope : List.of(DataScope.everything(), DataScope.of(List.of("420100"), Set.of()),
                    DataScope.of(List.of("420000", "430000"), Set.of("101001")), DataScope.of(List.of(), Set.of()))) {
                List<String> selected = jdbc.queryForList("SELECT adm || '/' || agency FROM scope_probe WHERE "
                        + scope.sqlCondition("adm", "agency") + " ORDER BY 1", scope.bind(new MapSqlParameterSource()),
                        String.class);
                List<String> allowed = jdbc.queryForList("SELECT adm || '/' || agency FROM scope_probe ORDER BY 1",
                        new MapSqlParameterSource(), String.class).stream()
                        .filter(r -> scope.allows(r.split("/")[0], r.split("/")[1])).toList();
                assertThat(selected).as(scope.toString()).isEqualTo(allowed);
            }
        }
    }
}
