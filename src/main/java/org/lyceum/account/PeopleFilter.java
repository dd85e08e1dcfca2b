package org.lyceum.account;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("PeopleFilter")
@Description("Which people the staff's people list shows; every field narrows it.")
public record PeopleFilter(
        @Description("True: people of this instance; false: of other servers.") Boolean local,
        @Description("True: suspended now; false: not suspended.") Boolean suspended,
        @Description("Part of the username, display name or host (or, for staff, email).") String query) {}
