import Testing
@testable import QuireConfig

@Suite struct ConfigPathTests {
    @Test func configLivesInTheXDGConfigFolder() {
        #expect(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/h"]) == "/c/quire/config.toml")
        #expect(ConfigFile.path(environment: ["HOME": "/h"]) == "/h/.config/quire/config.toml")
        #expect(ConfigFile.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/quire/config.toml")
    }
}
