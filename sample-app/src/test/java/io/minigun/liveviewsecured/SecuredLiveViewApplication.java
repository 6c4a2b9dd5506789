package io.minigun.liveviewsecured;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The live view behind Spring Security, configured the way an application secures its actuator: the {@code minigun}
 * endpoint for role {@code OPS} ({@code ops}; {@code guest} is signed in without it), a login form, and CSRF
 * protection with the token in a cookie for JavaScript ({@code csrf.spa()}). Its package is apart from the other
 * test applications', so that none of them sees this configuration.
 */
@SpringBootApplication
public class SecuredLiveViewApplication {
    static final String OPERATOR = "ops";
    static final String GUEST = "guest";
    static final String PASSWORD = "not-a-real-secret";

    @Bean
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.to("minigun")).hasRole("OPS")
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.spa())
                .build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername(OPERATOR).password("{noop}" + PASSWORD).roles("OPS").build(),
                User.withUsername(GUEST).password("{noop}" + PASSWORD).roles("GUEST").build());
    }
}
