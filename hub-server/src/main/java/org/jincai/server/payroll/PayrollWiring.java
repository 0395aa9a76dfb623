package org.jincai.server.payroll;

import org.jincai.batch.payroll.PayrollApprovers;
import org.jincai.server.controls.ControlUsers;
import org.jincai.server.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code --approve-as USER}: a configured user holding APPROVER, acting through the command line. */
@Configuration(proxyBeanMethods = false)
class PayrollWiring {

    @Bean
    PayrollApprovers payrollApprovers(ControlUsers users) {
        return name -> users.cli(name, Roles.APPROVER);
    }
}
