package dev.skirmish.lobby.admin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operators of the console and the moderation API, prefix {@code skirmish.lobby.admin}.
 *
 * @param operators the studio's operators, each a name and a bcrypt hash of its password (never the password: the
 *                  configuration may be read by more people than the operators); default none, so nobody can sign in
 *                  as an operator until the studio configures one
 */
@ConfigurationProperties("skirmish.lobby.admin")
public record AdminProperties(@DefaultValue List<Operator> operators) {
    /**
     * @param name         the operator's sign-in name (1-64 characters); it appears in the audit log
     * @param passwordHash a bcrypt hash ({@code $2a$...}, e.g. from {@code htpasswd -bnBC 12 "" secret | tr -d ':\n'})
     */
    public record Operator(String name, String passwordHash) {
    }
}
