package org.lyceum.support;

/** The management interface of {@link StatementCounter}. */
public interface StatementCounterMBean {
    long getCount();
}
